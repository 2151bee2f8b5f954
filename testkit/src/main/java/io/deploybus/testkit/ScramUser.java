package io.deploybus.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A SASL/SCRAM user of a {@link LocalKafka}.
 *
 * @param name     the user name
 * @param password the password; hex, so it needs no quoting in a JAAS configuration or a format argument
 */
public record ScramUser(String name, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static ScramUser withRandomPassword(String name) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new ScramUser(name, HexFormat.of().formatHex(bytes));
    }

    /** The same user with another password, to be refused. */
    public ScramUser withPassword(String other) {
        return new ScramUser(name, other);
    }

    /** The {@code sasl.jaas.config} value a client logs in with. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                + "\" password=\"" + password + "\";";
    }

    /** Keeps the password out of test reports and logs. */
    @Override
    public String toString() {
        return "ScramUser[" + name + "]";
    }
}
