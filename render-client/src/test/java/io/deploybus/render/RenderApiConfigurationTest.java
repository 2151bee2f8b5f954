package io.deploybus.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micronaut.context.ApplicationContext;

class RenderApiConfigurationTest {

    @Test
    void onlyTheKeyIsNeededEverythingElseHasRendersDefaults() {
        try (var context = ApplicationContext.run(Map.of("render.api.key", "rnd_abc"))) {
            var configuration = context.getBean(RenderApiConfiguration.class);

            assertThat(configuration.baseUrl()).isEqualTo(URI.create("https://api.render.com/v1"));
            assertThat(configuration.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(configuration.maxAttempts()).isEqualTo(3);
            assertThat(configuration).isEqualTo(RenderApiConfiguration.of(RenderApiConfiguration.RENDER_API, "rnd_abc"));
        }
    }

    @Test
    void missingKeyFailsNamingTheProperty() {
        try (var context = ApplicationContext.run(Map.of("render.api.base-url", "http://127.0.0.1:8090/v1"))) {
            assertThatThrownBy(() -> context.getBean(RenderClient.class)).hasStackTraceContaining("render.api.key");
        }
    }

    @Test
    void blankKeyFailsValidation() {
        try (var context = ApplicationContext.run(Map.of("render.api.key", " "))) {
            assertThatThrownBy(() -> context.getBean(RenderApiConfiguration.class))
                    .hasStackTraceContaining("key").hasStackTraceContaining("must not be blank");
        }
    }

    @Test
    void clientIsABeanConfiguredFromRenderApiProperties() {
        try (var context = ApplicationContext.run(Map.of("render.api.key", "rnd_abc",
                "render.api.base-url", "http://127.0.0.1:8090/v1", "render.api.max-attempts", "5"))) {
            assertThat(context.getBean(RenderClient.class)).isNotNull();
            assertThat(context.getBean(RenderApiConfiguration.class).maxAttempts()).isEqualTo(5);
        }
    }

    @Test
    void keyNeverAppearsInTheTextOfTheConfiguration() {
        var configuration = RenderApiConfiguration.of(RenderApiConfiguration.RENDER_API, "rnd_secret_value");

        assertThat(configuration.toString()).doesNotContain("rnd_secret_value").contains("****");
    }
}
