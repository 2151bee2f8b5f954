package io.deploybus.api;

import static io.deploybus.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Ports;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * deploy-api whose command producer reaches no broker (everything else does, so that it starts):
 * Kafka never acknowledges a command, and a deploy must be refused in bounded time, not hang.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DeployWithoutAcknowledgementIT {

    private static final String KEY = "key-for-the-unacknowledged-test";

    private static ServiceProcess api;

    @BeforeAll
    static void start(LocalKafka kafka) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "kafka.producers.deploy-commands.bootstrap.servers", "127.0.0.1:" + Ports.free(),
                "kafka.producers.deploy-commands.max.block.ms", "1000",
                "kafka.producers.deploy-commands.delivery.timeout.ms", "1500",
                "kafka.producers.deploy-commands.request.timeout.ms", "1000",
                "deploybus.api.deploys.publish-timeout", "3s",
                "deploybus.api.deploys.retry-after", "7s",
                "deploybus.api.keys.local", KEY,
                "deploybus.secrets.keys.local", SecretBox.newKey()));
        // Render plays no part here and cannot be reached: a key, as deploy-api needs one to start,
        // and no readiness check of Render (RenderHealthIndicatorTest, RealRenderStackIT).
        properties.put("render.api.key", "rnd_unused_in_this_test");
        properties.put("render.api.health.enabled", "false");
        api = Service.DEPLOY_API.start(properties);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void unacknowledgedDeployIsRefusedWith503AndRetryAfterInBoundedTime() {
        var client = new ApiClientForTests(api.baseUri(), KEY);
        String idempotencyKey = UUID.randomUUID().toString();

        long started = System.nanoTime();
        var first = client.postDeploy("{\"serviceId\": \"srv-unacked1\"}", idempotencyKey);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        var retry = client.postDeploy("{\"serviceId\": \"srv-unacked1\"}", idempotencyKey);

        assertProblem(first, 503, "deploy-not-accepted");
        assertThat(first.header("Retry-After")).isEqualTo("7");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        // The failed attempt left no trace under its key: the retry is tried afresh, not replayed.
        assertProblem(retry, 503, "deploy-not-accepted");
    }
}
