package io.deploybus.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** deploy-api reports on Render in its readiness, so without a Render key it must not start, and say which key. */
@ExtendWith(KafkaBrokerExtension.class)
class RenderKeyAtStartIT {

    @Test
    void startWithoutRenderKeyFailsNamingThePropertyAndTheVariable(LocalKafka kafka) {
        Map<String, String> withoutRenderKey = Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "deploybus.api.keys.local", "key-for-the-render-key-test",
                "deploybus.secrets.keys.local", SecretBox.newKey());

        // RENDER_API_KEY empty too, so that none comes from the environment this test runs in.
        assertThatThrownBy(() -> Service.DEPLOY_API.start(withoutRenderKey, Map.of("RENDER_API_KEY", "")).close())
                .hasMessageContaining("exited during start-up")
                .hasMessageContaining("render.api.key").hasMessageContaining("RENDER_API_KEY");
    }
}
