package io.deploybus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.HashMap;
import java.util.Map;

import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * deploy-api cannot seal env var values without its secrets key, so it must refuse to start
 * without one, naming the property and never showing the value: not accept deploys and fail them.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SecretsKeyAtStartIT {

    private static final Map<String, String> WITHOUT_SECRETS = new HashMap<>();

    @BeforeAll
    static void configure(LocalKafka kafka) {
        WITHOUT_SECRETS.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        WITHOUT_SECRETS.put("deploybus.api.keys.local", "key-for-the-secrets-key-test");
        // A Render key, so that the secrets key is the one thing missing.
        WITHOUT_SECRETS.put("render.api.key", "rnd_key_for_the_secrets_key_test");
    }

    @Test
    void startWithoutSecretsKeyFailsNamingTheProperty() {
        String failure = startFailure(WITHOUT_SECRETS);

        assertThat(failure).contains("deploybus.secrets");
    }

    @Test
    void startWithAKeyThatIsNotBase64FailsNamingThePropertyButNotTheValue() {
        String malformed = "leaked-if-shown!not-base64";

        String failure = startFailure(with("deploybus.secrets.keys.local", malformed));

        assertThat(failure).contains("deploybus.secrets").doesNotContain(malformed).doesNotContain("leaked");
    }

    @Test
    void startWithAKeyOfTheWrongLengthFailsNamingThePropertyButNotTheValue() {
        String tooShort = "c2hvcnQta2V5LWxlYWtlZA==";

        String failure = startFailure(with("deploybus.secrets.keys.local", tooShort));

        assertThat(failure).contains("deploybus.secrets").doesNotContain(tooShort);
    }

    private static Map<String, String> with(String property, String value) {
        var properties = new HashMap<>(WITHOUT_SECRETS);
        properties.put(property, value);
        return properties;
    }

    private static String startFailure(Map<String, String> properties) {
        try (ServiceProcess started = Service.DEPLOY_API.start(properties)) {
            return fail("deploy-api started without a valid secrets key, at " + started.baseUri());
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).contains("exited during start-up");
            return e.getMessage();
        }
    }
}
