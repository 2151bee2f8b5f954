package io.deploybus.api.deploy;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.deploybus.api.idempotency.CanonicalForm;
import io.deploybus.api.idempotency.IdempotencyConfiguration;
import io.deploybus.api.idempotency.IdempotencyKey;
import io.deploybus.api.idempotency.IdempotencyKeyReusedException;
import io.deploybus.api.idempotency.Outcome;
import io.deploybus.api.idempotency.RequestDigests;
import io.deploybus.api.view.TopicViews;
import io.deploybus.schemas.avro.CachePolicy;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.RollbackPolicy;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts deploys: gives each a deploy id, seals its env var values, publishes its command, and
 * reports it accepted only once Kafka has acknowledged the command, answering from the view as every
 * instance will once it has read the command.
 *
 * <p>A repeat under the same {@code Idempotency-Key} gets the first deploy back, as it is now, on any
 * instance and after any restart: the command carries the key and a {@link RequestDigests digest} of
 * the request, and every instance's view holds the commands. Two instances that take the same request
 * at the same moment, before either's command is in the views, give it the same
 * {@link DeployIdGenerator#keyed keyed} id: deploy-worker runs a deploy id once per service, and the
 * views show the first command of it. The same key with a different request is refused.
 *
 * <p>A batch's steps become commands here too ({@link #commandOf}), sealed the same way, though the
 * batch coordinator, not this class, publishes them.
 */
@Singleton
public final class DeployIntake {

    private static final Logger LOG = LoggerFactory.getLogger(DeployIntake.class);

    private final DeployCommandPublisher publisher;
    private final DeployView view;
    private final TopicViews views;
    private final DeployIdGenerator ids;
    private final Clock clock;
    private final EnvVarSealer sealer;
    private final RequestDigests digests;
    private final Duration keyTtl;

    DeployIntake(DeployCommandPublisher publisher, DeployView view, TopicViews views, DeployIdGenerator ids,
                 EnvVarSealer sealer, RequestDigests digests, IdempotencyConfiguration idempotency,
                 DeploysConfiguration configuration, Clock clock) {
        this.publisher = publisher;
        this.view = view;
        this.views = views;
        this.ids = ids;
        this.sealer = sealer;
        this.digests = digests;
        this.clock = clock;
        this.keyTtl = idempotency.ttl();
        if (keyTtl.compareTo(configuration.viewRetention()) > 0) {
            // A repeat is answered from the view: a key cannot outlive what the view keeps.
            throw new ConfigurationException("deploybus.api.idempotency.ttl (" + keyTtl
                    + ") must not be longer than deploybus.api.deploys.view-retention (" + configuration.viewRetention() + ")");
        }
    }

    /**
     * @param requestedBy the name of the API client
     * @return the accepted deploy, and whether it is the replay of an earlier request with the same key
     * @throws CommandNotAcknowledgedException when Kafka did not take the command
     * @throws IdempotencyKeyReusedException   when the key was used for a different request
     */
    Outcome<DeployAccepted> submit(String requestedBy, Optional<IdempotencyKey> key, DeploySpec spec) {
        if (key.isEmpty()) {
            return new Outcome<>(accept(command(ids.next(), null, requestedBy, null, null, spec)), false);
        }
        String idempotencyKey = key.get().value();
        CanonicalForm request = canonical(spec);
        Optional<DeployView.Deploy> first = firstUnder(requestedBy, idempotencyKey);
        if (first.isEmpty() && views.awaitCurrent()) {
            // Not known here yet, maybe only because another instance took it a moment ago.
            first = firstUnder(requestedBy, idempotencyKey);
        }
        if (first.isPresent()) {
            return repeat(first.get(), request);
        }
        String deployId = ids.keyed(DeployIdGenerator.PREFIX, requestedBy, idempotencyKey, spec.serviceId(),
                clock.instant(), keyTtl);
        DeployCommand command = command(deployId, null, requestedBy, idempotencyKey, digests.digest(request), spec);
        DeployAccepted accepted = accept(command);
        // Another instance may have published a command of this deploy id first: then that one is the
        // deploy (deploy-worker runs an id once), and this request is its repeat, or a different one.
        return view.find(deployId)
                .filter(deploy -> deploy.request() != null && !deploy.request().commandEventId().equals(command.getEventId()))
                .map(deploy -> repeat(deploy, request))
                .orElseGet(() -> new Outcome<>(accepted, false));
    }

    /**
     * The command of a batch's step, its env var values sealed; not published (the batch coordinator
     * does that). It carries the batch's {@code Idempotency-Key} and request digest, if any.
     */
    public DeployCommand commandOf(String deployId, String batchId, String requestedBy, @Nullable String idempotencyKey,
                                   @Nullable String requestDigest, DeploySpec spec) {
        return command(deployId, batchId, requestedBy, idempotencyKey, requestDigest, spec);
    }

    private Optional<DeployView.Deploy> firstUnder(String requestedBy, String idempotencyKey) {
        return view.findRequest(requestedBy, idempotencyKey, clock.instant().minus(keyTtl));
    }

    /** The first deploy under the key, as it is now; refused if it was asked for differently. */
    private Outcome<DeployAccepted> repeat(DeployView.Deploy first, CanonicalForm request) {
        String digest = first.request() == null ? null : first.request().requestDigest();
        if (digests.compare(digest, request) == RequestDigests.Comparison.DIFFERENT) {
            throw new IdempotencyKeyReusedException();
        }
        return new Outcome<>(DeployAccepted.of(first), true);
    }

    private static CanonicalForm canonical(DeploySpec spec) {
        var form = new CanonicalForm();
        spec.writeTo(form);
        return form;
    }

    private DeployAccepted accept(DeployCommand command) {
        RecordMetadata acknowledged = publisher.publish(command);
        LOG.info("Accepted deploy {} of {} for {} ({}-{}@{})", command.getDeployId(), command.getServiceId(),
                command.getRequestedBy(), acknowledged.topic(), acknowledged.partition(), acknowledged.offset());
        if (!views.awaitApplied(acknowledged)) {
            // The views lag: this instance must know the deploy before it answers all the same.
            view.accepted(command);
        }
        return view.find(command.getDeployId()).map(DeployAccepted::of)
                .orElseGet(() -> new DeployAccepted(command.getDeployId(), command.getServiceId(), DeployStatus.QUEUED.name()));
    }

    private DeployCommand command(String deployId, String batchId, String requestedBy, String idempotencyKey,
                                  String requestDigest, DeploySpec spec) {
        var command = DeployCommand.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant())
                .setDeployId(deployId)
                .setServiceId(spec.serviceId())
                .setBatchId(batchId)
                .setRequestedBy(requestedBy)
                .setIdempotencyKey(idempotencyKey)
                .setRequestDigest(requestDigest)
                .setCommitId(spec.commitId())
                .setImageUrl(spec.imageUrl())
                .setCachePolicy(spec.clearCache() ? CachePolicy.CLEAR_CACHE : CachePolicy.USE_CACHE)
                .setEnvVarChanges(sealer.seal(spec.serviceId(), spec.envVars()))
                .setEnvGroupLinks(spec.envGroups().link())
                .setEnvGroupUnlinks(spec.envGroups().unlink())
                .setRollback(RollbackPolicy.newBuilder()
                        .setEnabled(spec.rollback().enabled())
                        .setDisableAutoDeploy(spec.rollback().disableAutoDeploy())
                        .build())
                .setLabels(spec.labels());
        if (spec.timeoutSeconds() != null) {
            command.setTimeoutSeconds(spec.timeoutSeconds());
        }
        return command.build();
    }
}
