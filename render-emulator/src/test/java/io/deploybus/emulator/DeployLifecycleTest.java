package io.deploybus.emulator;

import static io.deploybus.emulator.SeededServices.BROKEN_BUILD;
import static io.deploybus.emulator.SeededServices.CHECKOUT;
import static io.deploybus.emulator.SeededServices.STOREFRONT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.deploybus.testkit.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeployLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final DeployTiming TIMING = new DeployTiming(
            Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(5));

    private final ManualClock clock = new ManualClock(T0);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ServiceEvents events = SeededServices.events();
    private DeployLifecycle lifecycle = lifecycle(clock, TIMING);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void triggeredDeployGoesThroughBuildAndUpdateToLive() {
        var triggered = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS);

        assertThat(triggered).isInstanceOf(DeployLifecycle.Triggered.Started.class);
        Deploy deploy = triggered.deploy();
        assertThat(deploy.status()).isEqualTo(DeployStatus.CREATED);
        assertThat(deploy.trigger()).isEqualTo("api");
        assertThat(deploy.startedAt()).isEqualTo(T0);
        assertThat(deploy.finishedAt()).isNull();
        assertThat(deploy.commit()).isNotNull();

        assertThat(after(Duration.ofSeconds(1), deploy)).extracting(Deploy::status, Deploy::updatedAt)
                .containsExactly(DeployStatus.BUILD_IN_PROGRESS, T0.plusSeconds(1));
        assertThat(after(Duration.ofSeconds(10), deploy).status()).isEqualTo(DeployStatus.UPDATE_IN_PROGRESS);
        assertThat(after(Duration.ofMillis(4999), deploy).status()).isEqualTo(DeployStatus.UPDATE_IN_PROGRESS);
        Deploy live = after(Duration.ofMillis(1), deploy);
        assertThat(live.status()).isEqualTo(DeployStatus.LIVE);
        assertThat(live.finishedAt()).isEqualTo(T0.plusSeconds(16));
        assertThat(live.startedAt()).isEqualTo(T0);
    }

    @Test
    void deployThatGoesLiveDeactivatesThePreviousLiveDeploy() {
        Deploy seeded = onlyDeployOf(CHECKOUT);
        assertThat(seeded.status()).isEqualTo(DeployStatus.LIVE);

        Deploy deploy = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();
        after(Duration.ofSeconds(15), deploy);
        assertThat(current(seeded).status()).as("still serving during the update").isEqualTo(DeployStatus.LIVE);
        after(Duration.ofSeconds(1), deploy);

        assertThat(current(seeded)).extracting(Deploy::status, Deploy::updatedAt)
                .containsExactly(DeployStatus.DEACTIVATED, T0.plusSeconds(16));
        assertThat(current(seeded).finishedAt()).isEqualTo(seeded.finishedAt());
    }

    @Test
    void riggedServiceFailsItsBuildAndThePreviousDeployStaysLive() {
        Deploy seeded = onlyDeployOf(BROKEN_BUILD);

        Deploy deploy = lifecycle.trigger(BROKEN_BUILD, TriggerDeployRequest.DEFAULTS).deploy();
        Deploy failed = after(Duration.ofSeconds(11), deploy);

        assertThat(failed.status()).isEqualTo(DeployStatus.BUILD_FAILED);
        assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(11));
        assertThat(current(seeded).status()).isEqualTo(DeployStatus.LIVE);
        assertThat(after(Duration.ofHours(1), deploy).status()).isEqualTo(DeployStatus.BUILD_FAILED);
    }

    @Test
    void secondTriggerWaitsQueuedAndStartsWhenTheFirstFinishes() {
        Deploy first = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();
        clock.advance(Duration.ofSeconds(3));
        var second = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS);

        assertThat(second).isInstanceOf(DeployLifecycle.Triggered.Queued.class);
        assertThat(second.deploy().status()).isEqualTo(DeployStatus.QUEUED);
        assertThat(second.deploy().startedAt()).isNull();

        after(Duration.ofSeconds(13), first);
        assertThat(current(first).status()).isEqualTo(DeployStatus.LIVE);
        assertThat(current(second.deploy())).extracting(Deploy::status, Deploy::startedAt)
                .containsExactly(DeployStatus.CREATED, T0.plusSeconds(16));

        assertThat(after(Duration.ofSeconds(16), second.deploy()).status()).isEqualTo(DeployStatus.LIVE);
        assertThat(current(first).status()).isEqualTo(DeployStatus.DEACTIVATED);
    }

    @Test
    void failedDeployLetsTheQueuedOneStart() {
        Deploy first = lifecycle.trigger(BROKEN_BUILD, TriggerDeployRequest.DEFAULTS).deploy();
        Deploy second = lifecycle.trigger(BROKEN_BUILD, TriggerDeployRequest.DEFAULTS).deploy();

        after(Duration.ofSeconds(11), first);

        assertThat(current(first).status()).isEqualTo(DeployStatus.BUILD_FAILED);
        assertThat(current(second).status()).isEqualTo(DeployStatus.CREATED);
    }

    @Test
    void transitionsThatFellDueUnobservedAreAppliedAtTheInstantsTheyFellDue() {
        Deploy first = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();
        Deploy second = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();

        after(Duration.ofHours(1), first);

        assertThat(current(first)).extracting(Deploy::status, Deploy::finishedAt, Deploy::updatedAt)
                .containsExactly(DeployStatus.DEACTIVATED, T0.plusSeconds(16), T0.plusSeconds(32));
        assertThat(current(second)).extracting(Deploy::status, Deploy::startedAt, Deploy::finishedAt)
                .containsExactly(DeployStatus.LIVE, T0.plusSeconds(16), T0.plusSeconds(32));
    }

    @Test
    void imageDeploySkipsTheBuildAndHasNoCommit() {
        Deploy deploy = lifecycle.trigger(STOREFRONT, TriggerDeployRequest.DEFAULTS).deploy();

        assertThat(deploy.commit()).isNull();
        assertThat(deploy.image().ref()).isEqualTo("docker.io/library/nginx:1.27");
        assertThat(after(Duration.ofSeconds(1), deploy).status()).isEqualTo(DeployStatus.UPDATE_IN_PROGRESS);
        assertThat(after(Duration.ofSeconds(5), deploy).status()).isEqualTo(DeployStatus.LIVE);
    }

    @Test
    void imageOfTheSameRepositoryWithAnotherTagIsDeployed() {
        Deploy deploy = lifecycle.trigger(STOREFRONT,
                new TriggerDeployRequest(null, null, "docker.io/library/nginx:1.28")).deploy();

        assertThat(deploy.image().ref()).isEqualTo("docker.io/library/nginx:1.28");
    }

    @Test
    void requestedCommitIsTheOneDeployed() {
        Deploy deploy = lifecycle.trigger(CHECKOUT, new TriggerDeployRequest("clear", "a0f6c1d2", null)).deploy();

        assertThat(deploy.commit().id()).isEqualTo("a0f6c1d2");
    }

    @Test
    void withoutACreatedPhaseTheTriggerAnswersWithTheBuildAlreadyRunning() {
        lifecycle = lifecycle(clock, new DeployTiming(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(5)));

        Deploy deploy = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();

        assertThat(deploy.status()).isEqualTo(DeployStatus.BUILD_IN_PROGRESS);
    }

    @Test
    void deploysAreListedNewestFirst() {
        Deploy seeded = onlyDeployOf(CHECKOUT);
        Deploy first = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();
        Deploy second = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();

        assertThat(lifecycle.newestFirst(CHECKOUT)).extracting(Deploy::id)
                .containsExactly(second.id(), first.id(), seeded.id());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "srv-emucheckoutapi000001 | sometimes | -        | -                              | clearCache",
            "srv-emucheckoutapi000001 | -         | -        | docker.io/library/nginx:1.28   | imageUrl",
            "srv-emustorefront0000003 | -         | a0f6c1d2 | -                              | commitId",
            "srv-emustorefront0000003 | -         | -        | docker.io/library/redis:7      | does not match"})
    void triggerRenderWouldRefuseIsInvalidAndCreatesNoDeploy(String serviceId, String clearCache, String commitId,
                                                              String imageUrl, String complaint) {
        assertThatThrownBy(() -> lifecycle.trigger(serviceId, new TriggerDeployRequest(clearCache, commitId, imageUrl)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(complaint);
        assertThat(lifecycle.newestFirst(serviceId)).hasSize(1);
    }

    @Test
    void unknownServiceOrDeployIsNotFound() {
        assertThatThrownBy(() -> lifecycle.trigger("srv-nosuchservice0000000", TriggerDeployRequest.DEFAULTS))
                .isInstanceOf(ResourceNotFoundException.class).hasMessage("not found: srv-nosuchservice0000000");
        assertThatThrownBy(() -> lifecycle.deploy(CHECKOUT, "dep-nosuchdeploy00000000"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessage("not found: dep-nosuchdeploy00000000");
    }

    @Test
    void deployOfAnotherServiceIsNotFoundUnderThisOne() {
        Deploy deploy = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();

        assertThatThrownBy(() -> lifecycle.deploy(STOREFRONT, deploy.id())).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void resetForgetsEveryTriggeredDeploy() {
        lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS);

        lifecycle.reset();

        assertThat(lifecycle.newestFirst(CHECKOUT)).singleElement()
                .extracting(Deploy::status).isEqualTo(DeployStatus.LIVE);
    }

    @Test
    void deploysMoveOnTheirOwnWithNobodyAsking() {
        var lifecycle = lifecycle(Clock.systemUTC(),
                new DeployTiming(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(30)));
        Deploy first = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();
        Deploy second = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();

        // Reads never advance the lifecycle, so only its scheduled wake-ups can make these true.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> lifecycle.deploy(CHECKOUT, second.id()).status() == DeployStatus.LIVE);
        assertThat(lifecycle.deploy(CHECKOUT, first.id()).status()).isEqualTo(DeployStatus.DEACTIVATED);
    }

    @Test
    void canceledDeployEndsCanceledAndTheQueuedOneStarts() {
        Deploy first = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();
        Deploy second = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();

        Deploy canceled = lifecycle.cancel(CHECKOUT, first.id());

        assertThat(canceled.status()).isEqualTo(DeployStatus.CANCELED);
        assertThat(canceled.finishedAt()).isEqualTo(T0);
        assertThat(current(second).status()).isEqualTo(DeployStatus.CREATED);
        assertThatThrownBy(() -> lifecycle.cancel(CHECKOUT, first.id())).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void rollbackIsANewDeployOfTheEarlierCommitWithTriggerRollback() {
        Deploy seeded = lifecycle.newestFirst(CHECKOUT).getFirst();
        Deploy newer = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();
        after(Duration.ofSeconds(16), newer);

        Deploy rollback = lifecycle.rollback(CHECKOUT, seeded.id());

        assertThat(rollback.trigger()).isEqualTo("rollback");
        assertThat(rollback.commit()).isEqualTo(seeded.commit());
        assertThat(after(Duration.ofSeconds(16), rollback).status()).isEqualTo(DeployStatus.LIVE);
        assertThat(current(newer).status()).isEqualTo(DeployStatus.DEACTIVATED);
    }

    @Test
    void scriptedDeployFailsAtUpdateInTheScriptedTimeAndAnswers202() {
        lifecycle.script(CHECKOUT, new DeployScript("update_failed", "32s", 202, true, 1));

        var triggered = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS);

        assertThat(triggered).isInstanceOf(DeployLifecycle.Triggered.Queued.class);
        assertThat(triggered.deploy().unhealthyWhileRunning()).isTrue();
        assertThat(after(Duration.ofSeconds(31), triggered.deploy()).status()).isEqualTo(DeployStatus.UPDATE_IN_PROGRESS);
        assertThat(after(Duration.ofSeconds(1), triggered.deploy()).status()).isEqualTo(DeployStatus.UPDATE_FAILED);
        var next = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS);
        assertThat(next).as("the script was for one deploy").isInstanceOf(DeployLifecycle.Triggered.Started.class);
        assertThat(after(Duration.ofSeconds(16), next.deploy()).status()).isEqualTo(DeployStatus.LIVE);
    }

    @Test
    void suspendedServiceRefusesDeploysAndResumingDeploysIt() {
        Deploy running = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();

        lifecycle.suspend(CHECKOUT);

        assertThat(current(running).status()).isEqualTo(DeployStatus.CANCELED);
        assertThatThrownBy(() -> lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("suspended");
        lifecycle.resume(CHECKOUT);
        assertThat(lifecycle.newestFirst(CHECKOUT).getFirst().trigger()).isEqualTo("service_resumed");
    }

    @Test
    void deployEmitsStartedEndedAndServerAvailableEvents() {
        Deploy deploy = lifecycle.trigger(CHECKOUT, TriggerDeployRequest.DEFAULTS).deploy();
        after(Duration.ofSeconds(16), deploy);

        var emitted = events.newestFirst(CHECKOUT, java.util.Set.of(), null, null);

        assertThat(emitted).extracting(ServiceEvent::type).containsExactly("server_available", "deploy_ended",
                "deploy_started");
        assertThat(emitted.get(1).details()).containsEntry("deployId", deploy.id())
                .containsEntry("deployStatus", "succeeded").containsEntry("status", 2);
        assertThat(emitted).allSatisfy(event -> assertThat(event.id()).matches("^evt-[0-9a-v]{20}$"));
    }

    private DeployLifecycle lifecycle(Clock clock, DeployTiming timing) {
        return new DeployLifecycle(clock, timing, SeededServices.catalog(clock), new IdGenerator(), events, scheduler);
    }

    private Deploy after(Duration duration, Deploy deploy) {
        clock.advance(duration);
        lifecycle.advance();
        return current(deploy);
    }

    private Deploy current(Deploy deploy) {
        return lifecycle.deploy(deploy.serviceId(), deploy.id());
    }

    private Deploy onlyDeployOf(String serviceId) {
        List<Deploy> deploys = lifecycle.newestFirst(serviceId);
        assertThat(deploys).hasSize(1);
        return deploys.getFirst();
    }
}
