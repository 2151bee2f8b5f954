package io.deploybus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.deploybus.testkit.Workspace;

/** The real {@code bin/stack} script, run as a user runs it, and what it leaves in its home. */
final class StackScript {

    private StackScript() {
    }

    /** What one run printed (standard output and error together) and how it ended. */
    record Run(int exitCode, String output) {
    }

    /** Runs {@code bin/stack args...} with these variables added to this JVM's, minus any mapped to {@code null}. */
    static Run run(Map<String, String> environment, Path output, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Workspace.root().resolve("bin/stack").toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("bin/stack %s finishes", args[0]).isTrue();
        return new Run(process.exitValue(), Files.readString(output));
    }

    /** As {@link #run}, asserting that it succeeded; returns what it printed. */
    static String succeed(Map<String, String> environment, Path output, String... args) throws IOException, InterruptedException {
        Run run = run(environment, output, args);
        assertThat(run.exitCode()).as("bin/stack %s exit code; it printed:\n%s", args[0], run.output()).isZero();
        return run.output();
    }

    /** The processes the stack recorded as started ({@code $DEPLOYBUS_STACK_HOME/processes}): name and pid. */
    static Map<String, Long> startedProcesses(Path home) throws IOException {
        Path processes = home.resolve("processes");
        if (!Files.exists(processes)) {
            return Map.of();
        }
        var started = new LinkedHashMap<String, Long>();
        for (String line : Files.readAllLines(processes)) {
            String[] parts = line.trim().split("\\s+");
            started.put(parts[0], Long.parseLong(parts[1]));
        }
        return started;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether anything accepts connections on this loopback port. */
    static boolean listens(int port) {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
