package io.deploybus.api.auth;

/** A {@code /v1} request without a valid API key. The message never contains the key. */
final class UnauthenticatedException extends RuntimeException {

    private final boolean keyPresented;

    UnauthenticatedException(String message, boolean keyPresented) {
        super(message, null, false, false);
        this.keyPresented = keyPresented;
    }

    /** Whether the request carried a key at all (that was wrong), as opposed to none. */
    boolean keyPresented() {
        return keyPresented;
    }
}
