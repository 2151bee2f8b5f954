package io.deploybus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.deploybus.testkit.EmulatorControl;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.Ports;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/stack up --render}: the stack without an emulator of its own, on the Render that
 * {@code RENDER_API_URL} and {@code RENDER_API_KEY} name. That "Render" is a render-emulator started
 * apart, on a port and with a key of its own, as Render's API would be. Runs the real script on free ports.
 */
class RealRenderStackIT {

    private static final String RENDER_KEY = "rnd_real_render_stack_key";
    private static final String API_KEY = "real-render-stack-test-key";

    private static ServiceProcess render;
    private static EmulatorControl renderControl;

    @BeforeAll
    static void startRender() {
        render = Service.RENDER_EMULATOR.start(Map.of("emulator.api-keys", RENDER_KEY));
        renderControl = new EmulatorControl(render.baseUri());
    }

    @AfterAll
    static void stopRender() {
        if (render != null) {
            render.close();
        }
    }

    @Test
    void stackOnRenderDeploysThroughThatRenderWithItsKeyAndStartsNoEmulatorOfItsOwn() throws Exception {
        renderControl.reset();
        Path home = newHome();
        StackPorts ports = new StackPorts();
        Map<String, String> environment = environment(home, ports, RENDER_KEY);
        try {
            StackScript.succeed(environment, home.resolve("up.out"), "up", "--render", "--no-build");

            assertThat(StackScript.startedProcesses(home).keySet())
                    .containsExactly("kafka", "deploy-api", "deploy-worker", "health-monitor", "alert-notifier");
            assertThat(StackScript.listens(ports.emulator())).as("the stack's own emulator port has a listener").isFalse();
            for (int port : List.of(ports.api(), ports.worker())) {
                assertThat(renderReadiness(port)).containsEntry("status", "UP")
                        .extractingByKey("details").asInstanceOf(InstanceOfAssertFactories.MAP)
                        .containsEntry("url", renderUrl());
            }

            var api = new DeploybusApi(URI.create("http://127.0.0.1:" + ports.api()), API_KEY);
            var accepted = api.post("/v1/deploys", "{\"serviceId\": \"" + EmulatorSeed.HEALTHY_SERVICE + "\"}");
            assertThat(accepted.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(api.get(accepted.location()).field("status")).isEqualTo("SUCCEEDED"));
            assertThat(renderControl.triggers(EmulatorSeed.HEALTHY_SERVICE)).isEqualTo(1);

            String status = StackScript.succeed(environment, home.resolve("status.out"), "status");
            assertThat(status).contains("deploy-api").contains("deploy-worker").doesNotContain("render-emulator")
                    .doesNotContain("NOT READY").doesNotContain("DEAD");

            List<Map<String, Object>> requests = renderControl.requests(".*", ".*");
            assertThat(requests).anySatisfy(r -> assertThat(r).containsEntry("method", "GET").containsEntry("path", "/v1/owners"));
            assertThat(requests).as("every request Render received carried the configured key")
                    .allSatisfy(r -> assertThat(r).containsEntry("authorized", true));
        } finally {
            Collection<Long> pids = StackScript.startedProcesses(home).values();
            StackScript.succeed(environment, home.resolve("down.out"), "down");
            assertThat(pids).allSatisfy(pid -> assertThat(StackScript.alive(pid)).as("pid %d alive", pid).isFalse());
        }
    }

    @Test
    void keyRenderRejectsFailsUpNamingTheVariableAndLeavesNothingRunning() throws Exception {
        Path home = newHome();
        StackPorts ports = new StackPorts();
        String wrongKey = "rnd_not_the_key_render_knows";

        StackScript.Run up = StackScript.run(environment(home, ports, wrongKey), home.resolve("up.out"), "up", "--no-build", "--render");

        assertThat(up.exitCode()).as("bin/stack up printed:\n%s", up.output()).isNotZero();
        assertThat(up.output()).contains("RENDER_API_KEY").contains("rejected").doesNotContain(wrongKey);
        assertNothingRuns(home, ports);
    }

    @Test
    void renderWithoutAKeyFailsUpNamingTheVariableBeforeAnythingStarts() throws Exception {
        Path home = newHome();
        StackPorts ports = new StackPorts();
        Map<String, String> environment = new HashMap<>(environment(home, ports, RENDER_KEY));
        environment.put("RENDER_API_KEY", null);

        StackScript.Run up = StackScript.run(environment, home.resolve("up.out"), "up", "--render", "--no-build");

        assertThat(up.exitCode()).as("bin/stack up printed:\n%s", up.output()).isNotZero();
        assertThat(up.output()).contains("RENDER_API_KEY").doesNotContain("Starting");
        assertNothingRuns(home, ports);
    }

    private static void assertNothingRuns(Path home, StackPorts ports) throws IOException {
        assertThat(StackScript.startedProcesses(home).values()).allSatisfy(pid ->
                assertThat(StackScript.alive(pid)).as("pid %d alive", pid).isFalse());
        for (int port : List.of(ports.kafka(), ports.api(), ports.worker(), ports.emulator())) {
            assertThat(StackScript.listens(port)).as("port %d has a listener", port).isFalse();
        }
    }

    /** The {@code render} entry of a service's {@code /health/readiness}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> renderReadiness(int port) {
        var readiness = new DeploybusApi(URI.create("http://127.0.0.1:" + port), "").get("/health/readiness");
        assertThat(readiness.status()).as("readiness of port %d: %s", port, readiness.body()).isEqualTo(200);
        var details = (Map<String, Object>) readiness.body().get("details");
        assertThat(details).as("readiness details of port %d", port).containsKey("render");
        return (Map<String, Object>) details.get("render");
    }

    private static String renderUrl() {
        return render.baseUri().resolve("/v1").toString();
    }

    private static Map<String, String> environment(Path home, StackPorts ports, String renderKey) {
        return Map.of(
                "DEPLOYBUS_STACK_HOME", home.toString(),
                "KAFKA_PORT", Integer.toString(ports.kafka()),
                "DEPLOY_API_PORT", Integer.toString(ports.api()),
                "DEPLOY_WORKER_PORT", Integer.toString(ports.worker()),
                "HEALTH_MONITOR_PORT", Integer.toString(Ports.free()),
                "ALERT_NOTIFIER_PORT", Integer.toString(Ports.free()),
                "RENDER_EMULATOR_PORT", Integer.toString(ports.emulator()),
                "DEPLOYBUS_API_KEY", API_KEY,
                "RENDER_API_URL", renderUrl(),
                "RENDER_API_KEY", renderKey);
    }

    private static Path newHome() throws IOException {
        return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "render-stack-");
    }

    /** The ports of one run that the test looks at afterwards. */
    private record StackPorts(int kafka, int api, int worker, int emulator) {
        StackPorts() {
            this(Ports.free(), Ports.free(), Ports.free(), Ports.free());
        }
    }
}
