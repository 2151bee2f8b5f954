package io.deploybus.worker.batch;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.deploybus.schemas.BatchKeys;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.BatchProgress;
import io.deploybus.schemas.avro.BatchStepResult;
import io.deploybus.schemas.avro.DeployBatch;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.worker.RetriableWorkerException;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a batch's entries on {@code deploy.batches} (a step's result, the coordinator's progress)
 * in the batch's partition, and its steps' commands on {@code deploy.commands}; each write waits
 * for Kafka's acknowledgement.
 */
@Singleton
public class BatchLog {

    static final String SOURCE = "/deploybus/deploy-worker";
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Producer<String, DeployBatch> batches;
    private final Producer<String, DeployCommand> commands;
    private final Clock clock;

    BatchLog(@KafkaClient(id = "deploy-batches", acks = KafkaClient.Acknowledge.ALL,
                     properties = @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"))
             Producer<String, DeployBatch> batches,
             @KafkaClient(id = "batch-commands", acks = KafkaClient.Acknowledge.ALL,
                     properties = @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"))
             Producer<String, DeployCommand> commands,
             Clock clock) {
        this.batches = batches;
        this.commands = commands;
        this.clock = clock;
    }

    /** Records how a batch step's deploy ended, for the batch's coordinator. */
    public void stepEnded(DeployCommand command, DeployStatus outcome) {
        String batchId = command.getBatchId();
        String ref = command.getDeployId().substring(batchId.length() + 1);
        write(batchId, BatchKeys.stepResult(batchId, ref), new BatchStepResult(ref, command.getDeployId(), outcome));
    }

    void progress(String batchId, BatchProgress progress) {
        write(batchId, BatchKeys.progress(batchId), progress);
    }

    void dispatch(DeployCommand command) {
        var headers = CloudEventHeaders.of(command, SOURCE, command.getServiceId());
        await(commands.send(new ProducerRecord<>(Topics.DEPLOY_COMMANDS, null, command.getServiceId(), command, headers)));
    }

    private void write(String batchId, String key, Object entry) {
        var record = new DeployBatch(UUID.randomUUID().toString(), clock.instant(), batchId, entry);
        int partition = BatchKeys.partition(batchId, batches.partitionsFor(Topics.DEPLOY_BATCHES).size());
        var headers = CloudEventHeaders.of(record, SOURCE, batchId);
        await(batches.send(new ProducerRecord<>(Topics.DEPLOY_BATCHES, partition, key, record, headers)));
    }

    private static void await(java.util.concurrent.Future<?> ack) {
        try {
            ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BatchLogException("Kafka did not take a batch record", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchLogException("interrupted while writing a batch record", e);
        }
    }

    /** A batch record or command Kafka did not take. */
    public static final class BatchLogException extends RetriableWorkerException {
        BatchLogException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
