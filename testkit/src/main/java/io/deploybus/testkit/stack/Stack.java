package io.deploybus.testkit.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import io.deploybus.testkit.Workspace;

/**
 * The local stack behind {@code bin/stack}: a Kafka broker, the Render emulator and the four
 * services, each its own process, started with the same launchers the tests use. With
 * {@code up --render} there is no emulator: the services talk to the Render of {@code RENDER_API_URL}
 * with {@code RENDER_API_KEY}, checked before anything starts. What it started is listed in
 * {@code .stack/processes}, so that {@code down} stops exactly that, services first.
 */
public final class Stack {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final Path processes;
    private final StackSettings settings;

    private Stack(Path home, StackSettings settings) {
        this.home = home;
        this.processes = home.resolve("processes");
        this.settings = settings;
    }

    public static void main(String[] args) {
        var settings = StackSettings.fromEnvironment(System.getenv());
        var stack = new Stack(settings.home(Workspace.root()), settings);
        String command = args.length == 0 ? "status" : args[0];
        List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        int exit = switch (command) {
            case "up" -> options.stream().allMatch("--render"::equals) ? stack.up(options.contains("--render")) : usage();
            case "down" -> stack.down();
            case "status" -> stack.status();
            default -> usage();
        };
        System.exit(exit);
    }

    private static int usage() {
        System.err.println("usage: bin/stack up [--render] [--no-build] | down | status | logs <service>");
        return 2;
    }

    private int up(boolean realRender) {
        if (!running().isEmpty()) {
            System.out.println("The stack is already up (bin/stack status; bin/stack down to stop it).");
            return 1;
        }
        RenderTarget render;
        try {
            render = settings.render(realRender);
        } catch (IllegalArgumentException e) {
            System.err.println("The stack did not start: " + e.getMessage());
            return 2;
        }
        if (!render.emulated()) {
            System.out.println("Checking Render at " + render.baseUrl() + " with RENDER_API_KEY ...");
            Optional<String> problem = RenderKeyCheck.problemWith(render);
            if (problem.isPresent()) {
                System.err.println("The stack did not start: " + problem.get());
                return 1;
            }
        }
        List<Entry> started = new ArrayList<>();
        try {
            Files.createDirectories(home.resolve("logs"));
            System.out.println("Starting Kafka on port " + settings.kafkaPort() + " (a few seconds) ...");
            LocalKafka kafka = LocalKafka.start(freshDirectory("kafka"), settings.kafkaPort(), false);
            started.add(record(new Entry("kafka", kafka.pid(), settings.kafkaPort())));
            // Seals env var values between deploy-api and deploy-worker; new at every up, like Kafka's data.
            String secretsKey = SecretBox.newKey();
            for (Service service : settings.services(render)) {
                System.out.println("Starting " + service.module() + " on port " + settings.port(service) + " ...");
                ServiceProcess process = service.startDetached(settings.port(service),
                        settings.properties(service, kafka.bootstrapServers(), secretsKey),
                        settings.environment(service, render), home.resolve("logs/" + service.module() + ".log"));
                started.add(record(new Entry(service.module(), process.pid(), settings.port(service))));
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("The stack did not start: " + e.getMessage());
            System.err.println("Stopping what had started; logs are in " + home.resolve("logs"));
            stopAll(started);
            return 1;
        }
        printWelcome(render);
        return 0;
    }

    private int down() {
        List<Entry> entries = running();
        if (entries.isEmpty()) {
            System.out.println("Nothing to stop.");
        }
        stopAll(entries);
        return 0;
    }

    private int status() {
        List<Entry> entries = running();
        if (entries.isEmpty()) {
            System.out.println("The stack is down.");
            return 1;
        }
        for (Entry entry : entries) {
            boolean alive = ProcessHandle.of(entry.pid()).map(ProcessHandle::isAlive).orElse(false);
            String state = !alive ? "DEAD" : entry.name().equals("kafka") ? "UP" : readiness(entry.port());
            System.out.printf("%-16s pid %-8d port %-6d %s%n", entry.name(), entry.pid(), entry.port(), state);
        }
        return 0;
    }

    private void printWelcome(RenderTarget render) {
        String api = "http://localhost:" + settings.port(Service.DEPLOY_API);
        String renderLine = render.emulated()
                ? "render-emulator   http://localhost:%d/v1   (Render's API, emulated)".formatted(settings.port(Service.RENDER_EMULATOR))
                : "render            %s   (your Render account, no emulator)".formatted(render.baseUrl());
        String serviceId = render.emulated() ? EmulatorSeed.HEALTHY_SERVICE : "srv-... (one of your Render services)";
        System.out.printf("""

                Deploybus is up.
                  deploy-api        %s   (API key: %s)
                  deploy-worker     http://localhost:%d/health
                  health-monitor    http://localhost:%d/health
                  alert-notifier    http://localhost:%d/health
                  %s
                  kafka             localhost:%d
                Logs: bin/stack logs <service>    Stop: bin/stack down

                Try a deploy:
                  curl -s -X POST %s/v1/deploys -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '{"serviceId": "%s"}'
                then follow it with the "id" it answers:
                  curl -s %s/v1/deploys/<id> -H 'Authorization: Bearer %s'
                """, api, settings.apiKey(), settings.port(Service.DEPLOY_WORKER), settings.port(Service.HEALTH_MONITOR),
                settings.port(Service.ALERT_NOTIFIER), renderLine, settings.kafkaPort(),
                api, settings.apiKey(), serviceId, api, settings.apiKey());
    }

    /** Services first, newest first, then Kafka last: clients retrying a dead broker slow their shutdown. */
    private void stopAll(List<Entry> entries) {
        entries.reversed().forEach(entry -> ProcessHandle.of(entry.pid()).ifPresent(process -> {
            System.out.println("Stopping " + entry.name() + " (pid " + entry.pid() + ")");
            process.destroy();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }));
        try {
            Files.deleteIfExists(processes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Entry record(Entry entry) throws IOException {
        Files.writeString(processes, entry.line() + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return entry;
    }

    private List<Entry> running() {
        if (!Files.exists(processes)) {
            return List.of();
        }
        try {
            return Files.readAllLines(processes).stream().map(Entry::parse).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path freshDirectory(String name) throws IOException {
        Path dir = home.resolve(name);
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    private static String readiness(int port) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "UP" : "NOT READY (" + response.statusCode() + ")";
        } catch (IOException e) {
            return "NOT ANSWERING";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "UNKNOWN";
        }
    }

    /** One started process, as a line of .stack/processes. */
    record Entry(String name, long pid, int port) {
        String line() {
            return name + " " + pid + " " + port;
        }

        static Optional<Entry> parse(String line) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 3) {
                return Optional.empty();
            }
            return Optional.of(new Entry(parts[0], Long.parseLong(parts[1]), Integer.parseInt(parts[2])));
        }
    }
}
