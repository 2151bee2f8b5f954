package io.deploybus.api.batch;

import static io.deploybus.api.batch.BatchEntries.aPlanOf;
import static io.deploybus.api.batch.BatchEntries.aProgressOf;
import static io.deploybus.api.batch.BatchEntries.aResultOf;
import static io.deploybus.api.batch.BatchEntries.aStep;
import static io.deploybus.api.batch.BatchEntries.aStepState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;

import io.deploybus.schemas.avro.BatchFailurePolicy;
import io.deploybus.schemas.avro.BatchStatus;
import io.deploybus.schemas.avro.BatchStepStatus;
import io.deploybus.schemas.avro.DeployStatus;
import org.junit.jupiter.api.Test;

class BatchViewTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
    private static final String BATCH = "bat-1";

    private final BatchView view = new BatchView(Duration.ofDays(30));

    @Test
    void batchWithOnlyItsPlanIsPendingWithEveryStepPending() {
        view.apply(aPlanOf(BATCH, CREATED, aStep(BATCH, "db"), aStep(BATCH, "api", "db")));

        var batch = view.find(BATCH).orElseThrow();
        assertThat(batch.status()).isEqualTo(BatchView.Status.PENDING);
        assertThat(batch.parallelism()).isEqualTo(2);
        assertThat(batch.failurePolicy()).isEqualTo(BatchFailurePolicy.STOP_DEPENDENTS);
        assertThat(batch.createdAt()).isEqualTo(CREATED);
        assertThat(batch.finishedAt()).isNull();
        assertThat(batch.steps()).extracting(BatchView.Step::ref, BatchView.Step::deployId, BatchView.Step::state)
                .containsExactly(
                        tuple("db", "bat-1.db", BatchStepStatus.PENDING),
                        tuple("api", "bat-1.api", BatchStepStatus.PENDING));
        assertThat(batch.steps().get(1).dependsOn()).containsExactly("db");
    }

    @Test
    void newestProgressGivesTheStatusOfTheBatchAndItsSteps() {
        view.apply(aPlanOf(BATCH, CREATED, aStep(BATCH, "db"), aStep(BATCH, "api", "db")));
        var later = aProgressOf(BATCH, CREATED.plusSeconds(20), BatchStatus.FAILED,
                aStepState(BATCH, "db", BatchStepStatus.FAILED), aStepState(BATCH, "api", BatchStepStatus.SKIPPED));
        var earlier = aProgressOf(BATCH, CREATED.plusSeconds(10), BatchStatus.RUNNING,
                aStepState(BATCH, "db", BatchStepStatus.DISPATCHED), aStepState(BATCH, "api", BatchStepStatus.PENDING));

        view.apply(later);
        view.apply(earlier);

        var batch = view.find(BATCH).orElseThrow();
        assertThat(batch.status()).isEqualTo(BatchView.Status.FAILED);
        assertThat(batch.finishedAt()).isEqualTo(CREATED.plusSeconds(20));
        assertThat(batch.steps()).extracting(BatchView.Step::state)
                .containsExactly(BatchStepStatus.FAILED, BatchStepStatus.SKIPPED);
    }

    @Test
    void stepResultEndsAStepTheProgressStillShowsDispatched() {
        view.apply(aPlanOf(BATCH, CREATED, aStep(BATCH, "db"), aStep(BATCH, "cache"), aStep(BATCH, "api", "db")));
        view.apply(aProgressOf(BATCH, CREATED.plusSeconds(1), BatchStatus.RUNNING,
                aStepState(BATCH, "db", BatchStepStatus.DISPATCHED), aStepState(BATCH, "cache", BatchStepStatus.DISPATCHED),
                aStepState(BATCH, "api", BatchStepStatus.PENDING)));

        view.apply(aResultOf(BATCH, CREATED.plusSeconds(5), "db", DeployStatus.SUCCEEDED));
        view.apply(aResultOf(BATCH, CREATED.plusSeconds(6), "cache", DeployStatus.ROLLED_BACK));

        var batch = view.find(BATCH).orElseThrow();
        assertThat(batch.status()).isEqualTo(BatchView.Status.RUNNING);
        assertThat(batch.steps()).extracting(BatchView.Step::state)
                .containsExactly(BatchStepStatus.SUCCEEDED, BatchStepStatus.FAILED, BatchStepStatus.PENDING);
    }

    @Test
    void stepResultBeforeAnyProgressMakesTheBatchRunning() {
        view.apply(aPlanOf(BATCH, CREATED, aStep(BATCH, "db")));

        view.apply(aResultOf(BATCH, CREATED.plusSeconds(5), "db", DeployStatus.SUCCEEDED));

        var batch = view.find(BATCH).orElseThrow();
        assertThat(batch.status()).isEqualTo(BatchView.Status.RUNNING);
        assertThat(batch.steps().getFirst().state()).isEqualTo(BatchStepStatus.SUCCEEDED);
    }

    @Test
    void planReadAgainChangesNothing() {
        view.apply(aPlanOf(BATCH, CREATED, aStep(BATCH, "db")));
        view.apply(aResultOf(BATCH, CREATED.plusSeconds(5), "db", DeployStatus.SUCCEEDED));

        view.apply(aPlanOf(BATCH, CREATED, aStep(BATCH, "db")));

        assertThat(view.find(BATCH).orElseThrow().steps().getFirst().state()).isEqualTo(BatchStepStatus.SUCCEEDED);
    }

    @Test
    void entriesOfAnUnknownBatchOrStepAreDropped() {
        view.apply(aResultOf("bat-unknown", CREATED, "db", DeployStatus.SUCCEEDED));
        view.apply(aPlanOf(BATCH, CREATED, aStep(BATCH, "db")));
        view.apply(aResultOf(BATCH, CREATED.plusSeconds(1), "not-a-step", DeployStatus.FAILED));

        assertThat(view.find("bat-unknown")).isEmpty();
        assertThat(view.find(BATCH).orElseThrow().steps()).extracting(BatchView.Step::ref).containsExactly("db");
        assertThat(view.find(BATCH).orElseThrow().status()).isEqualTo(BatchView.Status.PENDING);
    }

    @Test
    void viewKeepsABatchUntilItWasCreatedLongerThanTheRetentionAgo() {
        var view = new BatchView(Duration.ofDays(1));
        view.apply(aPlanOf("bat-a", CREATED, aStep("bat-a", "db")));
        view.apply(aPlanOf("bat-b", CREATED.plusSeconds(60), aStep("bat-b", "db")));

        view.forgetExpired(CREATED.plus(Duration.ofDays(1)).plusSeconds(30));

        assertThat(view.find("bat-a")).isEmpty();
        assertThat(view.find("bat-b")).isPresent();
    }
}
