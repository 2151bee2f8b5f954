package io.deploybus.api.deploy;

import static io.deploybus.api.deploy.DeployCommands.aDeployOf;
import static io.deploybus.api.deploy.DeployEvents.anEventOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.EnvVarAction;
import io.deploybus.schemas.avro.EnvVarChange;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the view costs in heap, so that {@code view-retention} can be chosen knowingly: 100,000
 * deploys of a typical shape (a key, two labels, two env var changes, six events each), every string
 * its own object as when decoded from Kafka. The bound
 * asserted is generous; the number measured is logged and quoted in docs/deploy-api.md.
 */
class DeployViewFootprintTest {

    private static final Logger LOG = LoggerFactory.getLogger(DeployViewFootprintTest.class);
    private static final int DEPLOYS = 100_000;
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<DeployEventType> TYPES = List.of(DeployEventType.DeployValidated,
            DeployEventType.DeployConfigured, DeployEventType.DeployTriggered, DeployEventType.DeployStatusChanged,
            DeployEventType.DeployStatusChanged, DeployEventType.DeploySucceeded);
    private static final List<DeployStatus> STATUSES = List.of(DeployStatus.VALIDATING, DeployStatus.CONFIGURING,
            DeployStatus.DEPLOYING, DeployStatus.DEPLOYING, DeployStatus.DEPLOYING, DeployStatus.SUCCEEDED);

    @Test
    void aHundredThousandDeploysTakeWellUnderAQuarterGigabyteOfHeap() {
        long before = usedHeapAfterGc();
        var view = new DeployView(Duration.ofDays(30), 100);
        long started = System.nanoTime();
        for (int i = 0; i < DEPLOYS; i++) {
            fill(view, i);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        long bytes = usedHeapAfterGc() - before;

        assertThat(view.size()).isEqualTo(DEPLOYS);
        LOG.info("{} deploys in the view: {} MB of heap, {} bytes each; built (records made and folded) in {} ms",
                DEPLOYS, bytes / (1024 * 1024), bytes / DEPLOYS, millis);
        assertThat(bytes).isLessThan(256L * 1024 * 1024);
    }

    private static void fill(DeployView view, int i) {
        String deployId = "dpl-01m81acbseewnv33trqv2y" + String.format("%06d", i);
        String serviceId = "srv-d1a2b3c4e5f6g7h8" + (i % 500);
        Instant acceptedAt = START.plusMillis(i * 10L);
        view.accepted(aDeployOf(serviceId, deployId, acceptedAt)
                .setIdempotencyKey("7d0c6f1e-1b7a-4c51-9a55-" + String.format("%012d", i))
                .setRequestDigest("local:Xq3b6fQ1u8eN0v2mKJ5hY7tR4wZ9cD1aS6gH3jL8pE0")
                .setCommitId("a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2")
                .setLabels(Map.of(decoded("pipeline"), Integer.toString(4711 + i), decoded("team"), decoded("payments")))
                .setEnvVarChanges(List.of(
                        EnvVarChange.newBuilder().setKey(decoded("DATABASE_URL")).setAction(EnvVarAction.SET).setValue(null).build(),
                        EnvVarChange.newBuilder().setKey(decoded("OLD_FLAG")).setAction(EnvVarAction.DELETE).setValue(null).build()))
                .build());
        for (int sequence = 1; sequence <= TYPES.size(); sequence++) {
            view.apply(anEventOf(serviceId, deployId, acceptedAt, sequence, TYPES.get(sequence - 1), STATUSES.get(sequence - 1))
                    .setRenderDeployId("dep-d1a2b3c4e5f6g7h8i9j" + i)
                    .setRenderStatus(decoded(sequence < 6 ? "build_in_progress" : "live"))
                    .setOccurredAt(acceptedAt.plusSeconds(sequence))
                    .build());
        }
    }

    /** A string of its own, as each one Avro decodes from a record is: literals would be shared. */
    private static String decoded(String text) {
        return new String(text.toCharArray());
    }

    private static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
