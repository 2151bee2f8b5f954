package io.deploybus.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from a main class and a classpath, with its output in a log file.
 *
 * <p>When {@code tiedToParent}, it runs under {@link ExitWithParent}, so it dies with the JVM that
 * started it; otherwise (bin/stack) it outlives it. {@link #stop()} asks it to shut down gracefully
 * (SIGTERM, so shutdown hooks run), {@link #kill()} kills it outright (SIGKILL), as a crash would.
 */
public final class ChildProcess {

    private static final Duration GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, String classpath, String mainClass, List<String> jvmOptions,
                              Map<String, String> environment, List<String> args, Path log, boolean tiedToParent) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(tiedToParent ? classpath + File.pathSeparator + ownLocation() : classpath);
        if (tiedToParent) {
            command.add(ExitWithParent.class.getName());
        }
        command.add(mainClass);
        command.addAll(args);
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (!tiedToParent) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Starts {@code java -jar <jar>} with exactly the given environment and nothing else of this
     * JVM's: a service run as a user runs it, from its artifact, configured only by variables.
     * It cannot run under {@link ExitWithParent} (a jar names its own main class), so it is
     * destroyed when this JVM exits normally instead.
     */
    static ChildProcess startJar(String name, Path jar, Map<String, String> environment, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + name));
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " from " + jar, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Asks the process to shut down and waits for it; kills it if it does not within 20 s. */
    public void stop() {
        process.destroy();
        awaitExitOrKill(GRACE);
    }

    /** Kills the process at once, with no chance to clean up: a crash. */
    public void kill() {
        process.destroyForcibly();
        awaitExitOrKill(GRACE);
    }

    /** Waits for the process to end by itself, for at most the given time. */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The exit code of a process that has ended. */
    public int exitCode() {
        return process.exitValue();
    }

    private void awaitExitOrKill(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String ownLocation() {
        try {
            return Path.of(ExitWithParent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
