package io.deploybus.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micronaut.context.ApplicationContext;

class EmulatorConfigurationTest {

    @Test
    void defaultsComeFromApplicationYml() {
        try (var context = ApplicationContext.run()) {
            var configuration = context.getBean(EmulatorConfiguration.class);
            var timing = context.getBean(DeployTiming.class);

            assertThat(configuration.apiKeys()).containsExactly("rnd_local_emulator_key");
            assertThat(configuration.seedFile()).isEqualTo("classpath:seed/services.yml");
            assertThat(timing).isEqualTo(new DeployTiming(Duration.ofMillis(250), Duration.ofMillis(1500),
                    Duration.ofMillis(1000)));
        }
    }

    @Test
    void severalApiKeysAreGivenCommaSeparated() {
        try (var context = ApplicationContext.run(Map.of("emulator.api-keys", "rnd_one,rnd_two"))) {
            assertThat(context.getBean(EmulatorConfiguration.class).apiKeys()).isEqualTo(List.of("rnd_one", "rnd_two"));
        }
    }

    @Test
    void noApiKeyFailsTheStartNamingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("emulator.api-keys", "")).close())
                .hasStackTraceContaining("apiKeys");
    }

    @Test
    void negativePhaseFailsTheStartNamingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("emulator.timing.build", "-1s")).close())
                .hasStackTraceContaining("emulator.timing");
    }

    @Test
    void badSeedFailsTheStartNamingTheFile() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("emulator.seed-file", "classpath:seed/absent.yml")).close())
                .hasStackTraceContaining("emulator.seed-file classpath:seed/absent.yml");
    }
}
