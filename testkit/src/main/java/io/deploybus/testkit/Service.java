package io.deploybus.testkit;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The runnable modules of Deploybus, each started as its own JVM from the module's compiled
 * classes and {@code target/runtime-classpath.txt}, exactly as bin/stack starts them.
 */
public enum Service {
    RENDER_EMULATOR("render-emulator", "io.deploybus.emulator.Application", "RENDER_EMULATOR_PORT"),
    DEPLOY_API("deploy-api", "io.deploybus.api.Application", "DEPLOY_API_PORT"),
    DEPLOY_WORKER("deploy-worker", "io.deploybus.worker.Application", "DEPLOY_WORKER_PORT"),
    HEALTH_MONITOR("health-monitor", "io.deploybus.health.Application", "HEALTH_MONITOR_PORT"),
    ALERT_NOTIFIER("alert-notifier", "io.deploybus.notifier.Application", "ALERT_NOTIFIER_PORT");

    private final String module;
    private final String mainClass;
    private final String portVariable;

    Service(String module, String mainClass, String portVariable) {
        this.module = module;
        this.mainClass = mainClass;
        this.portVariable = portVariable;
    }

    public String module() {
        return module;
    }

    /**
     * Starts the service for a test on a free port, tied to this JVM, and waits until it is ready.
     *
     * @param properties Micronaut properties, passed as system properties (they win over application.yml)
     */
    public ServiceProcess start(Map<String, String> properties) {
        return start(properties, Map.of());
    }

    /**
     * As {@link #start(Map)}, with environment variables added to this JVM's: for settings a user
     * gives as variables ({@code KAFKA_SASL_JAAS_CONFIG}, {@code RENDER_API_KEY}, ...).
     */
    public ServiceProcess start(Map<String, String> properties, Map<String, String> environment) {
        Path log = Workspace.newRunDirectory(module).resolve(module + ".log");
        return ServiceProcess.start(this, Ports.free(), properties, environment, log, true);
    }

    /**
     * As {@link #start(Map)}, but waits only until the service is alive ({@code /health/liveness}):
     * for tests of a service that is rightly not ready (its Render unreachable, say).
     */
    public ServiceProcess startAlive(Map<String, String> properties) {
        Path log = Workspace.newRunDirectory(module).resolve(module + ".log");
        return ServiceProcess.start(this, Ports.free(), properties, Map.of(), log, true, ServiceProcess.LIVENESS);
    }

    /**
     * Starts the service as docs/operations.md tells a user to: {@code java -jar
     * <module>/target/<module>.jar}, with exactly the given environment variables (and this
     * service's port variable, set to a free port), nothing inherited. For tests that prove the
     * artifact and the documented variables are all a user needs.
     */
    public ServiceProcess startArtifact(Map<String, String> environment) {
        int port = Ports.free();
        Map<String, String> withPort = new HashMap<>(environment);
        withPort.put(portVariable, Integer.toString(port));
        Path log = Workspace.newRunDirectory(module).resolve(module + ".log");
        return ServiceProcess.startArtifact(this, port, withPort, log);
    }

    /**
     * Starts the service for bin/stack on a given port, not tied to this JVM, and waits until it is ready.
     *
     * @param environment variables added to this JVM's, for settings that must not show in {@code ps}
     */
    public ServiceProcess startDetached(int port, Map<String, String> properties, Map<String, String> environment, Path log) {
        return ServiceProcess.start(this, port, properties, environment, log, false);
    }

    /** The runnable artifact {@code ./mvnw package} makes; its dependencies are in {@code target/lib/}. */
    Path artifact() {
        Path jar = Workspace.module(module).resolve("target/" + module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw package -pl " + module + " -am");
        }
        return jar;
    }

    String mainClass() {
        return mainClass;
    }

    String classpath() {
        Path dir = Workspace.module(module);
        return dir.resolve("target/classes") + File.pathSeparator
                + Workspace.classpathFile(dir.resolve("target/runtime-classpath.txt"), module);
    }

    URI baseUri(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }
}
