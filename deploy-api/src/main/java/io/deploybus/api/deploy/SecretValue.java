package io.deploybus.api.deploy;

import java.nio.charset.StandardCharsets;

/**
 * An env var value in clear, as the client sent it. It lives only from the request until it is
 * sealed into the command, and it never prints: {@link #toString()} hides it, so that a record
 * holding one can be logged or put in an exception message without leaking it.
 */
final class SecretValue {

    private final String plaintext;
    private final int utf8Length;

    SecretValue(String plaintext) {
        this.plaintext = plaintext;
        this.utf8Length = plaintext.getBytes(StandardCharsets.UTF_8).length;
    }

    String plaintext() {
        return plaintext;
    }

    /** The value's size in UTF-8, as it will be sealed and sent. */
    int utf8Length() {
        return utf8Length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that && plaintext.equals(that.plaintext);
    }

    @Override
    public int hashCode() {
        return plaintext.hashCode();
    }

    @Override
    public String toString() {
        return "(hidden)";
    }
}
