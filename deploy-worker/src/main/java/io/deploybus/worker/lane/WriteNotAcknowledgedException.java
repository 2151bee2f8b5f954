package io.deploybus.worker.lane;

import io.deploybus.worker.RetriableWorkerException;

/**
 * Kafka did not acknowledge a write the next step depends on (a journal record, an event): the
 * step must not go ahead. Transient by nature: the step runs again after a backoff.
 */
final class WriteNotAcknowledgedException extends RetriableWorkerException {

    WriteNotAcknowledgedException(String message, Throwable cause) {
        super(message, cause);
    }
}
