package io.deploybus.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys = new ApiKeys(new ApiKeysConfiguration(Map.of(
            "ci-bot", "ci-bot-key-0123456789",
            "local", "local-dev-key")));

    @Test
    void keyIdentifiesItsClient() {
        assertThat(keys.authenticate("ci-bot-key-0123456789")).contains(new ApiClient("ci-bot"));
        assertThat(keys.authenticate("local-dev-key")).contains(new ApiClient("local"));
    }

    @Test
    void unknownOrAlmostRightKeyIdentifiesNoOne() {
        assertThat(keys.authenticate("ci-bot-key-012345678")).isEmpty();
        assertThat(keys.authenticate("ci-bot-key-01234567890")).isEmpty();
        assertThat(keys.authenticate("CI-BOT-KEY-0123456789")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
    }

    @Test
    void configurationWithoutClientsIsRefused() {
        assertThatThrownBy(() -> new ApiKeysConfiguration(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("deploybus.api.keys");
    }

    @Test
    void shortKeyIsRefusedNamingItsProperty() {
        assertThatThrownBy(() -> new ApiKeysConfiguration(Map.of("ci-bot", "short")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("deploybus.api.keys.ci-bot")
                .hasMessageNotContaining("short");
    }

    @Test
    void twoClientsWithOneKeyAreRefused() {
        assertThatThrownBy(() -> new ApiKeysConfiguration(Map.of("a", "same-key-0123456", "b", "same-key-0123456")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("same key")
                .hasMessageNotContaining("same-key-0123456");
    }

    @Test
    void clientNameOutsideTheAllowedCharactersIsRefused() {
        assertThatThrownBy(() -> new ApiKeysConfiguration(Map.of("CI Bot", "ci-bot-key-0123456789")))
                .isInstanceOf(ConfigurationException.class);
    }
}
