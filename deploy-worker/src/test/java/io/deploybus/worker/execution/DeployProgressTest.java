package io.deploybus.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.RollbackPolicy;
import org.junit.jupiter.api.Test;

class DeployProgressTest {

    private static final Instant ACCEPTED = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void eachStepNumbersItsEventAndCarriesTheFullSnapshot() {
        var progress = DeployProgress.of(aCommand());

        var accepted = progress.step(DeployEventType.DeployAccepted, DeployStatus.VALIDATING, null, ACCEPTED.plusSeconds(1));
        var triggered = accepted.progress().withRenderDeploy("dep-d1", "created", "abc1234")
                .step(DeployEventType.DeployTriggered, DeployStatus.DEPLOYING, null, ACCEPTED.plusSeconds(2));

        assertThat(accepted.event().getSequence()).isEqualTo(1);
        assertThat(triggered.event().getSequence()).isEqualTo(2);
        assertThat(triggered.event().getRenderDeployId()).isEqualTo("dep-d1");
        assertThat(triggered.event().getRenderStatus()).isEqualTo("created");
        assertThat(triggered.event().getCommitId()).isEqualTo("abc1234");
        assertThat(triggered.event().getAcceptedAt()).isEqualTo(ACCEPTED);
        assertThat(triggered.event().getLabels()).containsEntry("team", "payments");
        assertThat(triggered.event().getFinishedAt()).isNull();
    }

    @Test
    void terminalStepStampsFinishedAt() {
        Instant end = ACCEPTED.plusSeconds(90);

        var failed = DeployProgress.of(aCommand()).step(DeployEventType.DeployFailed, DeployStatus.FAILED, "build_failed", end);

        assertThat(failed.event().getFinishedAt()).isEqualTo(end);
        assertThat(failed.event().getReason()).isEqualTo("build_failed");
        assertThat(failed.progress().isTerminal()).isTrue();
    }

    private static DeployCommand aCommand() {
        return DeployCommand.newBuilder()
                .setEventId("cmd-1").setOccurredAt(ACCEPTED).setDeployId("dpl-1").setServiceId("srv-abc")
                .setRequestedBy("ci").setRollback(RollbackPolicy.newBuilder().build())
                .setLabels(Map.of("team", "payments"))
                .build();
    }
}
