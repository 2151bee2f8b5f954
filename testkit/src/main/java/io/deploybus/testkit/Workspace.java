package io.deploybus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the Deploybus checkout is, and where test runs keep their files.
 *
 * <p>Found by walking up from the working directory (a module's folder under Maven) to the folder
 * that holds {@code mvnw} and {@code kafka-broker/}; {@code -Ddeploybus.root=...} overrides.
 */
public final class Workspace {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private Workspace() {
    }

    /** The root of the checkout. */
    public static Path root() {
        String configured = System.getProperty("deploybus.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("kafka-broker"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Deploybus checkout above " + Path.of("").toAbsolutePath()
                + "; run from inside it or set -Ddeploybus.root");
    }

    /** A module's folder. */
    public static Path module(String name) {
        return root().resolve(name);
    }

    /**
     * A new folder for one run's files (broker data, service logs): under the current module's
     * {@code target/} when run by Maven, so that {@code mvn clean} removes it.
     */
    public static Path newRunDirectory(String what) {
        Path base = Files.isDirectory(Path.of("target")) ? Path.of("target") : root().resolve("target");
        Path dir = base.resolve("testkit").resolve(what + "-" + LocalDateTime.now().format(STAMP)).toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Reads a classpath file written by maven-dependency-plugin, failing with the command that writes it. */
    static String classpathFile(Path file, String module) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: build the module first with "
                    + "./mvnw -q package -DskipTests -pl " + module + " -am");
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
