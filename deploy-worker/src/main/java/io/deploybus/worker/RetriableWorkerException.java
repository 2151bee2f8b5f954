package io.deploybus.worker;

/**
 * A technical fault of the worker's own that passes by itself (Kafka did not acknowledge a write in
 * time, say): the work that hit it runs again after a backoff. See {@link Faults}.
 */
public abstract class RetriableWorkerException extends RuntimeException {

    protected RetriableWorkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
