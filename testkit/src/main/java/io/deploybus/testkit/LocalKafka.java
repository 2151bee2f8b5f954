package io.deploybus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.deploybus.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, one node acting as broker and controller) run as a separate
 * JVM from the Kafka artifacts the build resolved into {@code kafka-broker}. No Docker needed.
 *
 * <p>The one way Deploybus starts Kafka: tests get it through {@link KafkaBrokerExtension}, and
 * {@code bin/stack} through {@link io.deploybus.testkit.stack.Stack}.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private final ChildProcess process;
    private final int port;
    private final Path directory;

    private LocalKafka(ChildProcess process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /** Starts a broker on a free port that dies with this JVM, and waits until it serves requests. */
    public static LocalKafka startForTests() {
        return start(Workspace.newRunDirectory("kafka"), 0, true);
    }

    /**
     * Starts a broker and waits until it serves requests.
     *
     * @param directory    where its data, configuration and log go
     * @param port         the client port, or 0 for a free one
     * @param tiedToParent whether it dies with this JVM
     */
    public static LocalKafka start(Path directory, int port, boolean tiedToParent) {
        int clientPort = port == 0 ? Ports.free() : port;
        Path config = writeConfiguration(directory, clientPort, Ports.free());
        String classpath = brokerClasspath();
        long started = System.nanoTime();
        format(classpath, config, directory);
        var process = ChildProcess.start("kafka", classpath, "kafka.Kafka", jvmOptions(directory), Map.of(),
                List.of(config.toString()), directory.resolve("kafka.out"), tiedToParent);
        var kafka = new LocalKafka(process, clientPort, directory);
        kafka.awaitReady();
        LOG.info("Kafka ready at {} in {} ms (pid {}, files in {})", kafka.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), process.pid(), directory);
        return kafka;
    }

    /** The {@code bootstrap.servers} value that reaches this broker. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path directory() {
        return directory;
    }

    /**
     * Creates every topic of the catalogue that does not exist yet, as the services do at start-up:
     * for tests that produce before any service has run.
     */
    public void createCatalogueTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing = Topics.ALL.stream().filter(t -> !existing.contains(t.name())).map(t -> t.toNewTopic((short) 1, (short) 1)).toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the catalogue's topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Stops the broker gracefully. */
    @Override
    public void close() {
        process.stop();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited during start-up:\n" + process.logTail(40));
                }
                try {
                    admin.describeCluster().nodes().get(4, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        process.kill();
                        throw new IllegalStateException("Kafka not ready within " + READY_TIMEOUT + ":\n"
                                + process.logTail(40), e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
            }
        }
    }

    private static void format(String classpath, Path config, Path directory) {
        var formatter = ChildProcess.start("kafka-format", classpath, "kafka.tools.StorageTool",
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), Map.of(),
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"),
                directory.resolve("kafka-format.out"), false);
        formatter.awaitExit(Duration.ofSeconds(60));
        if (formatter.exitCode() != 0) {
            throw new IllegalStateException("formatting Kafka's storage failed:\n" + formatter.logTail(40));
        }
    }

    private static List<String> jvmOptions(Path directory) {
        Path logConfig = Workspace.module("kafka-broker").resolve("target/broker-log4j2.properties");
        return Stream.concat(JVM_OPTIONS.stream(), Stream.of(
                "-Dlog4j2.configurationFile=" + logConfig,
                "-Dbroker.log.file=" + directory.resolve("kafka.log"))).toList();
    }

    private static String brokerClasspath() {
        return Workspace.classpathFile(Workspace.module("kafka-broker").resolve("target/broker-classpath.txt"),
                "kafka-broker");
    }

    private static Path writeConfiguration(Path directory, int clientPort, int controllerPort) {
        var p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", directory.resolve("data").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created by the services from the catalogue, never by accident with defaults.
        p.setProperty("auto.create.topics.enable", "false");
        Path file = directory.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "Written by io.deploybus.testkit.LocalKafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
