package io.deploybus.api.deploy;

/** No deploy with the id asked for is known to this instance. */
final class DeployNotFoundException extends RuntimeException {

    DeployNotFoundException(String message) {
        super(message, null, false, false);
    }
}
