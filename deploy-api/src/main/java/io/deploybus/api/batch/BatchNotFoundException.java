package io.deploybus.api.batch;

/** No batch with the id asked for is known to this instance. */
final class BatchNotFoundException extends RuntimeException {

    BatchNotFoundException(String message) {
        super(message, null, false, false);
    }
}
