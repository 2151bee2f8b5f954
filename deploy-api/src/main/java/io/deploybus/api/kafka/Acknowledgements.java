package io.deploybus.api.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waits, within a bound, for Kafka to acknowledge a record the API must not answer for before it
 * is durable. Not acknowledged in time, or failed with a retriable error, means "try again later"
 * (the caller's exception, a 503); any other failure is a fault of this service.
 */
public final class Acknowledgements {

    private Acknowledgements() {
    }

    /**
     * @param send             sends the record; may itself block up to {@code max.block.ms}
     * @param what             the record, in words, for messages
     * @param notAcknowledged  makes the caller's exception from a message and a cause
     */
    public static RecordMetadata await(Supplier<CompletableFuture<RecordMetadata>> send, Duration timeout, String what,
                                       BiFunction<String, Throwable, ? extends RuntimeException> notAcknowledged) {
        try {
            return send.get().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw notAcknowledged.apply("no acknowledgement for " + what + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notAcknowledged.apply("interrupted while publishing " + what, e);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause(), notAcknowledged);
        } catch (RuntimeException e) {
            throw failure(what, e, notAcknowledged);
        }
    }

    private static RuntimeException failure(String what, Throwable error,
                                            BiFunction<String, Throwable, ? extends RuntimeException> notAcknowledged) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return notAcknowledged.apply("Kafka failed " + what + ": " + cause, error);
            }
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return error instanceof RuntimeException runtime ? runtime : notAcknowledged.apply("Kafka failed " + what + ": " + error, error);
    }
}
