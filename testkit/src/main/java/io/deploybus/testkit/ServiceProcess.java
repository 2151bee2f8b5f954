package io.deploybus.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Deploybus service: a separate JVM, ready when its {@code /health/readiness} says so.
 * {@link #close()} stops it gracefully; {@link #kill()} is a crash. One that does not get ready
 * fails its start with a {@link ServiceStartException}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
    static final String READINESS = "/health/readiness";
    static final String LIVENESS = "/health/liveness";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final ChildProcess process;
    private final int port;

    private ServiceProcess(Service service, ChildProcess process, int port) {
        this.service = service;
        this.process = process;
        this.port = port;
    }

    static ServiceProcess start(Service service, int port, Map<String, String> properties, Map<String, String> environment,
                                Path log, boolean tiedToParent) {
        return start(service, port, properties, environment, log, tiedToParent, READINESS);
    }

    /** As above, waiting until {@code healthPath} answers 200 (liveness, for a service that cannot be ready). */
    static ServiceProcess start(Service service, int port, Map<String, String> properties, Map<String, String> environment,
                                Path log, boolean tiedToParent, String healthPath) {
        List<String> jvm = new ArrayList<>(JVM_OPTIONS);
        jvm.add("-Dmicronaut.server.port=" + port);
        properties.forEach((key, value) -> jvm.add("-D" + key + "=" + value));
        long started = System.nanoTime();
        var process = ChildProcess.start(service.module(), service.classpath(), service.mainClass(), jvm, environment,
                List.of(), log, tiedToParent);
        var running = new ServiceProcess(service, process, port);
        running.awaitAnswering(healthPath);
        LOG.info("{} up at {} in {} ms (pid {}, log {})", service.module(), running.baseUri(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), process.pid(), log);
        return running;
    }

    /** Starts the service from its artifact with exactly the given environment, and waits until it is ready. */
    static ServiceProcess startArtifact(Service service, int port, Map<String, String> environment, Path log) {
        long started = System.nanoTime();
        var process = ChildProcess.startJar(service.module(), service.artifact(), environment, log);
        var running = new ServiceProcess(service, process, port);
        running.awaitAnswering(READINESS);
        LOG.info("{} ready from {} at {} in {} ms (pid {}, log {})", service.module(), service.artifact(), running.baseUri(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), process.pid(), log);
        return running;
    }

    public Service service() {
        return service;
    }

    public URI baseUri() {
        return service.baseUri(port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return process.log();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the service gracefully. */
    @Override
    public void close() {
        process.stop();
    }

    /** Kills the service at once (SIGKILL), as a crash would. */
    public void kill() {
        process.kill();
    }

    private void awaitAnswering(String healthPath) {
        var request = HttpRequest.newBuilder(baseUri().resolve(healthPath))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || answersOk(request));
        } catch (ConditionTimeoutException e) {
            process.kill();
            throw new ServiceStartException(service.module() + " not answering " + healthPath + " within " + READY_TIMEOUT + ":\n"
                    + process.logTail(60), process.log(), e);
        }
        if (!process.isAlive()) {
            throw new ServiceStartException(service.module() + " exited during start-up:\n" + process.logTail(60),
                    process.log(), null);
        }
    }

    private static boolean answersOk(HttpRequest request) throws InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
