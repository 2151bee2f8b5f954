package io.deploybus.api.deploy;

import static io.deploybus.api.deploy.DeployCommands.aDeployOf;
import static io.deploybus.api.deploy.DeployEvents.anEventOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.EnvVarAction;
import io.deploybus.schemas.avro.EnvVarChange;
import io.deploybus.schemas.avro.RollbackPolicy;
import org.junit.jupiter.api.Test;

class DeployViewTest {

    private static final Instant ACCEPTED = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SERVICE = "srv-view1";

    private final DeployView view = new DeployView(Duration.ofDays(30), 10);

    @Test
    void acceptedDeployIsQueuedWithNoEvents() {
        view.accepted(aDeployOf(SERVICE, "dpl-1", ACCEPTED).setCommitId("abc1234").setRequestedBy("ci")
                .setLabels(Map.of("pipeline", "7")).build());

        var deploy = view.find("dpl-1").orElseThrow();
        assertThat(deploy.status()).isEqualTo(DeployStatus.QUEUED);
        assertThat(deploy.serviceId()).isEqualTo(SERVICE);
        assertThat(deploy.commitId()).isEqualTo("abc1234");
        assertThat(deploy.requestedBy()).isEqualTo("ci");
        assertThat(deploy.acceptedAt()).isEqualTo(ACCEPTED);
        assertThat(deploy.labels()).containsExactly(Map.entry("pipeline", "7"));
        assertThat(deploy.events()).isEmpty();
    }

    @Test
    void unknownDeployIsNotFound() {
        assertThat(view.find("dpl-nope")).isEmpty();
    }

    @Test
    void eventsMoveTheStatusAndAreListedInSequenceOrder() {
        view.accepted(aDeployOf(SERVICE, "dpl-1", ACCEPTED).build());
        view.apply(event("dpl-1", 1, DeployEventType.DeployValidated, DeployStatus.VALIDATING).build());
        view.apply(event("dpl-1", 2, DeployEventType.DeployTriggered, DeployStatus.DEPLOYING)
                .setRenderDeployId("dep-r1").setRenderStatus("build_in_progress").build());
        view.apply(event("dpl-1", 3, DeployEventType.DeploySucceeded, DeployStatus.SUCCEEDED)
                .setRenderDeployId("dep-r1").setRenderStatus("live").setFinishedAt(ACCEPTED.plusSeconds(3)).build());

        var deploy = view.find("dpl-1").orElseThrow();
        assertThat(deploy.status()).isEqualTo(DeployStatus.SUCCEEDED);
        assertThat(deploy.renderDeployId()).isEqualTo("dep-r1");
        assertThat(deploy.finishedAt()).isEqualTo(ACCEPTED.plusSeconds(3));
        assertThat(deploy.events()).extracting(DeployView.Event::sequence).containsExactly(1, 2, 3);
        assertThat(deploy.events()).extracting(DeployView.Event::renderStatus)
                .containsExactly(null, "build_in_progress", "live");
    }

    @Test
    void lateEarlierEventIsListedButDoesNotTurnTheStatusBack() {
        view.accepted(aDeployOf(SERVICE, "dpl-1", ACCEPTED).build());
        view.apply(event("dpl-1", 2, DeployEventType.DeployFailed, DeployStatus.FAILED).setReason("build failed").build());
        view.apply(event("dpl-1", 1, DeployEventType.DeployTriggered, DeployStatus.DEPLOYING).build());

        var deploy = view.find("dpl-1").orElseThrow();
        assertThat(deploy.status()).isEqualTo(DeployStatus.FAILED);
        assertThat(deploy.reason()).isEqualTo("build failed");
        assertThat(deploy.events()).extracting(DeployView.Event::type)
                .containsExactly(DeployEventType.DeployTriggered, DeployEventType.DeployFailed);
    }

    @Test
    void eventSeenTwiceCountsOnce() {
        var validated = event("dpl-1", 1, DeployEventType.DeployValidated, DeployStatus.VALIDATING).build();
        view.accepted(aDeployOf(SERVICE, "dpl-1", ACCEPTED).build());

        view.apply(validated);
        view.apply(validated);

        assertThat(view.find("dpl-1").orElseThrow().events()).hasSize(1);
    }

    @Test
    void commandSeenAgainDoesNotResetTheStatus() {
        var command = aDeployOf(SERVICE, "dpl-1", ACCEPTED).build();
        view.accepted(command);
        view.apply(event("dpl-1", 1, DeployEventType.DeployValidated, DeployStatus.VALIDATING).build());

        view.accepted(command);

        assertThat(view.find("dpl-1").orElseThrow().status()).isEqualTo(DeployStatus.VALIDATING);
    }

    @Test
    void eventsBeforeTheirCommandIntroduceTheDeploy() {
        view.apply(event("dpl-1", 1, DeployEventType.DeployValidated, DeployStatus.VALIDATING)
                .setCommitId("abc1234").build());
        view.accepted(aDeployOf(SERVICE, "dpl-1", ACCEPTED).setRequestedBy("ci").build());

        var deploy = view.find("dpl-1").orElseThrow();
        assertThat(deploy.status()).isEqualTo(DeployStatus.VALIDATING);
        assertThat(deploy.commitId()).isEqualTo("abc1234");
        assertThat(deploy.requestedBy()).isEqualTo("ci");
        assertThat(deploy.acceptedAt()).isEqualTo(ACCEPTED);
    }

    @Test
    void deployKnownOnlyFromEventsHasNoConfigChangesUntilItsCommandArrives() {
        view.apply(event("dpl-1", 1, DeployEventType.DeployValidated, DeployStatus.VALIDATING).build());

        var beforeCommand = view.find("dpl-1").orElseThrow();
        assertThat(beforeCommand.envVars()).isEmpty();
        assertThat(beforeCommand.rollback()).isNull();

        view.accepted(aDeployOf(SERVICE, "dpl-1", ACCEPTED)
                .setEnvVarChanges(List.of(new EnvVarChange("TOKEN", EnvVarAction.GENERATE, null)))
                .setEnvGroupLinks(List.of("evg-shared1"))
                .setRollback(new RollbackPolicy(false, false)).build());

        var deploy = view.find("dpl-1").orElseThrow();
        assertThat(deploy.envVars()).containsExactly(new DeployView.EnvVar("TOKEN", EnvVarAction.GENERATE));
        assertThat(deploy.envGroups().link()).containsExactly("evg-shared1");
        assertThat(deploy.rollback()).isEqualTo(new RollbackSpec(false, false));
        assertThat(deploy.status()).isEqualTo(DeployStatus.VALIDATING);
    }

    @Test
    void viewKeepsEveryDeployUntilItWasAcceptedLongerThanTheRetentionAgo() {
        var view = new DeployView(Duration.ofDays(2), 10);
        for (int i = 0; i < 5000; i++) {
            view.accepted(aDeployOf(SERVICE, "dpl-recent" + i, ACCEPTED.plusSeconds(i)).build());
        }
        view.apply(anEventOf(SERVICE, "dpl-old", ACCEPTED.minus(Duration.ofDays(3)), 1, DeployEventType.DeployValidated,
                DeployStatus.VALIDATING).build());

        view.forgetExpired(ACCEPTED.plus(Duration.ofDays(1)));

        assertThat(view.size()).isEqualTo(5000);
        assertThat(view.find("dpl-old")).isEmpty();
        view.forgetExpired(ACCEPTED.plus(Duration.ofDays(2)).plusSeconds(10));
        assertThat(view.find("dpl-recent9")).isEmpty();
        assertThat(view.find("dpl-recent10")).isPresent();
    }

    @Test
    void viewShowsTheSameWhicheverTopicItReadFirst() {
        var command = aDeployOf(SERVICE, "dpl-both", ACCEPTED).setLabels(Map.of("pipeline", "4711")).build();
        var event = event("dpl-both", 1, DeployEventType.DeployValidated, DeployStatus.VALIDATING)
                .setAcceptedAt(ACCEPTED.plusMillis(1)).build();
        var commandFirst = new DeployView(Duration.ofDays(30), 10);
        var eventFirst = new DeployView(Duration.ofDays(30), 10);

        commandFirst.accepted(command);
        commandFirst.apply(event);
        eventFirst.apply(event);
        eventFirst.accepted(command);

        assertThat(eventFirst.find("dpl-both")).isEqualTo(commandFirst.find("dpl-both"));
        assertThat(eventFirst.find("dpl-both").orElseThrow().labels()).containsEntry("pipeline", "4711");
        assertThat(eventFirst.find("dpl-both").orElseThrow().acceptedAt()).isEqualTo(ACCEPTED);
    }

    @Test
    void firstCommandOfADeployIdIsTheDeploysAndTheKeysFirstRequest() {
        view.accepted(aDeployOf(SERVICE, "dpl-keyed", ACCEPTED).setIdempotencyKey("k1").setEventId("first").build());
        view.accepted(aDeployOf(SERVICE, "dpl-keyed", ACCEPTED.plusMillis(3)).setIdempotencyKey("k1")
                .setEventId("second").build());

        var request = view.findRequest("tests", "k1", ACCEPTED).orElseThrow();
        assertThat(request.deployId()).isEqualTo("dpl-keyed");
        assertThat(request.acceptedAt()).isEqualTo(ACCEPTED);
        assertThat(request.request().commandEventId()).isEqualTo("first");
        assertThat(view.findRequest("tests", "k1", ACCEPTED.plusMillis(1))).isEmpty();
        assertThat(view.findRequest("another-client", "k1", ACCEPTED)).isEmpty();
    }

    @Test
    void deployKeepsItsLatestEventsOnly() {
        var small = new DeployView(Duration.ofDays(30), 3);
        small.accepted(aDeployOf(SERVICE, "dpl-1", ACCEPTED).build());

        for (int sequence = 1; sequence <= 5; sequence++) {
            small.apply(event("dpl-1", sequence, DeployEventType.DeployStatusChanged, DeployStatus.DEPLOYING).build());
        }

        assertThat(small.find("dpl-1").orElseThrow().events()).extracting(DeployView.Event::sequence)
                .containsExactly(3, 4, 5);
    }

    @Test
    void listingIsNewestFirstAPageAtATimeAndNoDeployShiftsPagesWhenOthersArrive() {
        for (int i = 0; i < 5; i++) {
            view.accepted(aDeployOf(SERVICE, "dpl-" + i, ACCEPTED.plusSeconds(i)).build());
        }

        var first = view.list(query(2, null));
        view.accepted(aDeployOf(SERVICE, "dpl-new", ACCEPTED.plusSeconds(60)).build());
        var second = view.list(query(2, cursorAfter(first)));
        var third = view.list(query(2, cursorAfter(second)));

        assertThat(ids(first)).containsExactly("dpl-4", "dpl-3");
        assertThat(first.more()).isTrue();
        assertThat(ids(second)).containsExactly("dpl-2", "dpl-1");
        assertThat(ids(third)).containsExactly("dpl-0");
        assertThat(third.more()).isFalse();
    }

    @Test
    void listingFiltersByServiceStatusBatchLabelAndTime() {
        view.accepted(aDeployOf(SERVICE, "dpl-a", ACCEPTED).setLabels(Map.of("pipeline", "1")).build());
        view.accepted(aDeployOf("srv-other1", "dpl-b", ACCEPTED.plusSeconds(1)).build());
        view.accepted(aDeployOf(SERVICE, "bat-x.db", ACCEPTED.plusSeconds(2)).setBatchId("bat-x").build());
        view.apply(event("dpl-a", 1, DeployEventType.DeployFailed, DeployStatus.FAILED).build());

        assertThat(ids(view.list(where(SERVICE, Set.of(), null, Map.of(), null, null)))).containsExactly("bat-x.db", "dpl-a");
        assertThat(ids(view.list(where(null, Set.of(DeployStatus.FAILED), null, Map.of(), null, null)))).containsExactly("dpl-a");
        assertThat(ids(view.list(where(null, DeployQuery.ACTIVE, null, Map.of(), null, null)))).containsExactly("bat-x.db", "dpl-b");
        assertThat(ids(view.list(where(null, Set.of(), "bat-x", Map.of(), null, null)))).containsExactly("bat-x.db");
        assertThat(ids(view.list(where(null, Set.of(), null, Map.of("pipeline", "1"), null, null)))).containsExactly("dpl-a");
        assertThat(ids(view.list(where(null, Set.of(), null, Map.of(), ACCEPTED.plusSeconds(1), null)))).containsExactly("bat-x.db", "dpl-b");
        assertThat(ids(view.list(where(null, Set.of(), null, Map.of(), null, ACCEPTED.plusSeconds(1))))).containsExactly("dpl-a");
        assertThat(ids(view.list(where("srv-unknown1", Set.of(), null, Map.of(), null, null)))).isEmpty();
    }

    @Test
    void aServicesLineIsTheDeployInFlightAndTheQueuedOnesInTheOrderTheirCommandsWereRead() {
        view.accepted(aDeployOf(SERVICE, "dpl-running", ACCEPTED).build());
        view.accepted(aDeployOf(SERVICE, "dpl-zz-next", ACCEPTED.plusSeconds(1)).build());
        view.accepted(aDeployOf(SERVICE, "dpl-aa-last", ACCEPTED.plusSeconds(1)).build());
        view.accepted(aDeployOf(SERVICE, "dpl-done", ACCEPTED.minusSeconds(60)).build());
        view.apply(event("dpl-running", 1, DeployEventType.DeployTriggered, DeployStatus.DEPLOYING).build());
        view.apply(event("dpl-done", 1, DeployEventType.DeploySucceeded, DeployStatus.SUCCEEDED).build());

        var line = view.lineOf(SERVICE);

        assertThat(line.inFlight().deployId()).isEqualTo("dpl-running");
        assertThat(line.queue()).extracting(DeployView.Deploy::deployId).containsExactly("dpl-zz-next", "dpl-aa-last");
        assertThat(view.lineOf("srv-idle1")).isEqualTo(new DeployView.Line(null, List.of()));
    }

    private static DeployQuery query(int limit, Cursor after) {
        return new DeployQuery(null, Set.of(), null, Map.of(), null, null, limit, after);
    }

    private static DeployQuery where(String serviceId, Set<DeployStatus> statuses, String batchId,
                                     Map<String, String> labels, Instant since, Instant until) {
        return new DeployQuery(serviceId, statuses, batchId, labels, since, until, DeployQuery.DEFAULT_LIMIT, null);
    }

    private static Cursor cursorAfter(DeployView.Page page) {
        var last = page.deploys().getLast();
        return new Cursor(last.acceptedAt(), last.deployId());
    }

    private static List<String> ids(DeployView.Page page) {
        return page.deploys().stream().map(DeployView.Deploy::deployId).toList();
    }

    private static DeployEvent.Builder event(String deployId, int sequence,
                                              DeployEventType type, DeployStatus status) {
        return anEventOf(SERVICE, deployId, ACCEPTED, sequence, type, status);
    }
}
