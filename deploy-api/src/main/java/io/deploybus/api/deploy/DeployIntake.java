package io.deploybus.api.deploy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.deploybus.api.idempotency.IdempotencyConfiguration;
import io.deploybus.api.idempotency.IdempotencyKey;
import io.deploybus.api.idempotency.IdempotentRequests;
import io.deploybus.schemas.avro.CachePolicy;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.RollbackPolicy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts deploys: gives each a deploy id, seals its env var values, publishes its command, and
 * reports it accepted only once Kafka has acknowledged the command. A repeat under the same
 * {@code Idempotency-Key} gets the first deploy back instead of a new one.
 *
 * <p>What is remembered of a request under its key is its fingerprint, in which env var values are
 * HMACs under a key this instance draws at random and never shows, so that neither the values nor
 * guesses of them can be recovered from memory. Fingerprints live in this instance only, so a key
 * of its own is all they need.
 *
 * <p>A batch's steps become commands here too ({@link #commandOf}), sealed and fingerprinted the same
 * way, though the batch coordinator, not this class, publishes them.
 */
@Singleton
public final class DeployIntake {

    private static final Logger LOG = LoggerFactory.getLogger(DeployIntake.class);
    private static final String FINGERPRINT_MAC = "HmacSHA256";

    private final DeployCommandPublisher publisher;
    private final DeployView view;
    private final DeployIdGenerator ids;
    private final Clock clock;
    private final EnvVarSealer sealer;
    private final IdempotentRequests<DeploySpec.Fingerprint, DeployAccepted> idempotentRequests;
    private final SecretKeySpec fingerprintKey;

    DeployIntake(DeployCommandPublisher publisher, DeployView view, DeployIdGenerator ids, EnvVarSealer sealer,
                 IdempotencyConfiguration idempotency, Clock clock) {
        this.publisher = publisher;
        this.view = view;
        this.ids = ids;
        this.sealer = sealer;
        this.clock = clock;
        this.idempotentRequests = new IdempotentRequests<>(idempotency, clock);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.fingerprintKey = new SecretKeySpec(key, FINGERPRINT_MAC);
    }

    /**
     * @param requestedBy the name of the API client
     * @return the accepted deploy, and whether it is the replay of an earlier request with the same key
     * @throws CommandNotAcknowledgedException when Kafka did not take the command
     */
    IdempotentRequests.Outcome<DeployAccepted> submit(String requestedBy, Optional<IdempotencyKey> key, DeploySpec spec) {
        if (key.isEmpty()) {
            return new IdempotentRequests.Outcome<>(accept(requestedBy, null, spec), false);
        }
        return idempotentRequests.run(requestedBy, key.get(), fingerprint(spec),
                () -> accept(requestedBy, key.get().value(), spec));
    }

    /** What an {@code Idempotency-Key} remembers of a spec: env var values only as digests under this instance's key. */
    public DeploySpec.Fingerprint fingerprint(DeploySpec spec) {
        return spec.fingerprint(this::digest);
    }

    /** The command of a batch's step, its env var values sealed; not published (the batch coordinator does that). */
    public DeployCommand commandOf(String deployId, String batchId, String requestedBy, DeploySpec spec) {
        return command(deployId, batchId, requestedBy, null, spec);
    }

    private DeployAccepted accept(String requestedBy, String idempotencyKey, DeploySpec spec) {
        DeployCommand command = command(ids.next(), null, requestedBy, idempotencyKey, spec);
        RecordMetadata acknowledged = publisher.publish(command);
        // The listener will read the command too, but this instance must know it before it answers.
        view.accepted(command);
        LOG.info("Accepted deploy {} of {} for {} ({}-{}@{})", command.getDeployId(), command.getServiceId(),
                requestedBy, acknowledged.topic(), acknowledged.partition(), acknowledged.offset());
        return new DeployAccepted(command.getDeployId(), command.getServiceId(), DeployStatus.QUEUED.name());
    }

    private DeployCommand command(String deployId, String batchId, String requestedBy, String idempotencyKey,
                                  DeploySpec spec) {
        var command = DeployCommand.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant())
                .setDeployId(deployId)
                .setServiceId(spec.serviceId())
                .setBatchId(batchId)
                .setRequestedBy(requestedBy)
                .setIdempotencyKey(idempotencyKey)
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

    private String digest(SecretValue value) {
        try {
            Mac mac = Mac.getInstance(FINGERPRINT_MAC);
            mac.init(fingerprintKey);
            return HexFormat.of().formatHex(mac.doFinal(value.plaintext().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + FINGERPRINT_MAC, e);
        }
    }
}
