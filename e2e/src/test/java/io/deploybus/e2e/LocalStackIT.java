package io.deploybus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.deploybus.testkit.Ports;
import org.junit.jupiter.api.Test;

/**
 * The README's first command: {@code bin/stack up} starts everything, the curl it prints deploys
 * a service that ends SUCCEEDED, and {@code bin/stack down} leaves no process behind. Runs the real
 * script on free ports (the build step is skipped: Maven is already building this).
 */
class LocalStackIT {

    private static final Pattern CURL = Pattern.compile("curl -s -X POST (\\S+) -H 'Authorization: Bearer (\\S+)' "
            + "-H 'Content-Type: application/json' -d '(\\{.*})'");

    @Test
    void stackComesUpDeploysWhatItsCurlAsksAndGoesDownLeavingNoProcess() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stack-");
        Map<String, String> environment = Map.of(
                "DEPLOYBUS_STACK_HOME", home.toString(),
                "KAFKA_PORT", Integer.toString(Ports.free()),
                "DEPLOY_API_PORT", Integer.toString(Ports.free()),
                "DEPLOY_WORKER_PORT", Integer.toString(Ports.free()),
                "HEALTH_MONITOR_PORT", Integer.toString(Ports.free()),
                "ALERT_NOTIFIER_PORT", Integer.toString(Ports.free()),
                "RENDER_EMULATOR_PORT", Integer.toString(Ports.free()),
                "DEPLOYBUS_API_KEY", "stack-test-key-0001");
        try {
            String output = StackScript.succeed(environment, home.resolve("up.out"), "up", "--no-build");
            Matcher curl = CURL.matcher(output);
            assertThat(curl.find()).as("bin/stack up prints a curl to try:\n%s", output).isTrue();
            assertThat(curl.group(2)).isEqualTo("stack-test-key-0001");
            assertThat(output).as("up says what it waits for, without the Kafka client's warnings while the broker starts")
                    .contains("Starting Kafka on port").doesNotContain("could not be established");

            var api = new DeploybusApi(URI.create(curl.group(1)).resolve("/"), curl.group(2));
            var accepted = api.post("/v1/deploys", curl.group(3));
            assertThat(accepted.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(api.get(accepted.location()).field("status")).isEqualTo("SUCCEEDED"));
        } finally {
            Collection<Long> pids = StackScript.startedProcesses(home).values();
            StackScript.succeed(environment, home.resolve("down.out"), "down");
            assertThat(pids).hasSize(6).allSatisfy(pid -> assertThat(StackScript.alive(pid)).as("pid %d alive", pid).isFalse());
        }
    }
}
