package io.deploybus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.deploybus.schemas.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, one node acting as broker and controller) run as a separate
 * JVM from the Kafka artifacts the build resolved into {@code kafka-broker}. No Docker needed.
 *
 * <p>The one way Deploybus starts Kafka: tests get it through {@link KafkaBrokerExtension}, and
 * {@code bin/stack} through {@link io.deploybus.testkit.stack.Stack}. Its client listener is
 * PLAINTEXT, or, from {@link #startScramForTests}, SASL/SCRAM only with ACLs enforced, as a
 * managed cluster's is. Either way {@link #clientProperties()} is what a client needs to reach it.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    /** The SASL mechanism of {@link #startScramForTests}'s broker. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-256";
    /** The user of {@link #clientProperties()} on a SCRAM broker: a super user, whom ACLs do not limit. */
    public static final String ADMIN = "admin";
    private static final String SASL_LISTENER = "SASL_PLAINTEXT";

    private final ChildProcess process;
    private final int port;
    private final Path directory;
    private final Optional<Scram> scram;

    private LocalKafka(ChildProcess process, int port, Path directory, Optional<Scram> scram) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.scram = scram;
    }

    /** Starts a broker on a free port that dies with this JVM, and waits until it serves requests. */
    public static LocalKafka startForTests() {
        return start(Workspace.newRunDirectory("kafka"), 0, true);
    }

    /**
     * As {@link #startForTests()}, but the broker takes clients only over SASL/SCRAM
     * ({@value #SCRAM_MECHANISM}) and enforces ACLs. Its users, each with a new random password
     * ({@link #scramUser(String)}), are {@value #ADMIN}, a super user, and the given ones, who may
     * do only what ACLs (created by {@value #ADMIN}) allow them. The broker talks to itself on the
     * SASL listener too, as its own super user; only the controller listener, on loopback, is
     * PLAINTEXT.
     */
    public static LocalKafka startScramForTests(String... users) {
        List<ScramUser> clients = Stream.concat(Stream.of(ADMIN), Stream.of(users)).map(ScramUser::withRandomPassword).toList();
        return start(Workspace.newRunDirectory("kafka-scram"), 0, true,
                Optional.of(new Scram(ScramUser.withRandomPassword("broker"), clients)));
    }

    /**
     * Starts a broker with a PLAINTEXT client listener and waits until it serves requests. Started
     * again on the same directory and port, it is the same broker restarted: same data, topics and
     * committed offsets.
     *
     * @param directory    where its data, configuration and log go
     * @param port         the client port, or 0 for a free one
     * @param tiedToParent whether it dies with this JVM
     */
    public static LocalKafka start(Path directory, int port, boolean tiedToParent) {
        return start(directory, port, tiedToParent, Optional.empty());
    }

    private static LocalKafka start(Path directory, int port, boolean tiedToParent, Optional<Scram> scram) {
        int clientPort = port == 0 ? Ports.free() : port;
        Path config = writeConfiguration(directory, clientPort, Ports.free(), scram);
        String classpath = brokerClasspath();
        long started = System.nanoTime();
        if (!Files.exists(directory.resolve("data/meta.properties"))) {
            format(classpath, config, directory, scram.map(Scram::all).orElse(List.of()));
        }
        var process = ChildProcess.start("kafka", classpath, "kafka.Kafka", jvmOptions(directory), Map.of(),
                List.of(config.toString()), directory.resolve("kafka.out"), tiedToParent);
        var kafka = new LocalKafka(process, clientPort, directory, scram);
        kafka.awaitReady();
        LOG.info("Kafka ready at {}{} in {} ms (pid {}, files in {})", kafka.bootstrapServers(),
                scram.isPresent() ? " (SASL " + SCRAM_MECHANISM + " only, ACLs enforced)" : "",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), process.pid(), directory);
        return kafka;
    }

    /** The {@code bootstrap.servers} value that reaches this broker. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Everything a Kafka client needs to reach this broker: {@code bootstrap.servers} and, for a
     * SCRAM broker, the security settings with {@value #ADMIN}'s credentials.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        scram.ifPresent(s -> {
            properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SASL_LISTENER);
            properties.put(SaslConfigs.SASL_MECHANISM, SCRAM_MECHANISM);
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, scramUser(ADMIN).jaasConfig());
        });
        return Map.copyOf(properties);
    }

    /** A user of a broker from {@link #startScramForTests}. */
    public ScramUser scramUser(String name) {
        return scram.stream().flatMap(s -> s.clients().stream()).filter(u -> u.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("this broker has no SCRAM user " + name));
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
        try (Admin admin = Admin.create(clientProperties())) {
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
        Map<String, Object> settings = new HashMap<>(clientProperties());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000);
        try (Admin admin = Admin.create(settings)) {
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

    /** Formats the storage; KRaft takes SCRAM users only here (or later through a running broker). */
    private static void format(String classpath, Path config, Path directory, List<ScramUser> users) {
        List<String> args = new ArrayList<>(List.of(
                "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"));
        users.forEach(u -> args.addAll(List.of("--add-scram",
                SCRAM_MECHANISM + "=[name=" + u.name() + ",password=" + u.password() + "]")));
        var formatter = ChildProcess.start("kafka-format", classpath, "kafka.tools.StorageTool",
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), Map.of(), args,
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

    private static Path writeConfiguration(Path directory, int clientPort, int controllerPort, Optional<Scram> scram) {
        String listener = scram.isPresent() ? SASL_LISTENER : "PLAINTEXT";
        var p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", listener + "://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", listener + "://127.0.0.1:" + clientPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", listener);
        p.setProperty("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
        scram.ifPresent(s -> {
            p.setProperty("sasl.enabled.mechanisms", SCRAM_MECHANISM);
            p.setProperty("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
            p.setProperty("listener.name." + listener.toLowerCase(Locale.ROOT) + "." + SCRAM_MECHANISM.toLowerCase(Locale.ROOT)
                    + ".sasl.jaas.config", s.broker().jaasConfig());
            p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            // ANONYMOUS is the broker itself on the PLAINTEXT controller listener (registration,
            // heartbeats); that listener is on loopback and no client is given its port.
            p.setProperty("super.users", "User:" + s.broker().name() + ";User:" + ADMIN + ";User:ANONYMOUS");
        });
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

    /** The SCRAM users of a SCRAM-only broker: its own, and its clients' ({@value #ADMIN} first). */
    private record Scram(ScramUser broker, List<ScramUser> clients) {
        List<ScramUser> all() {
            return Stream.concat(Stream.of(broker), clients.stream()).toList();
        }
    }
}
