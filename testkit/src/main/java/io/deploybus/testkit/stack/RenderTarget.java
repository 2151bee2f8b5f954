package io.deploybus.testkit.stack;

import java.util.Map;

/**
 * The Render the stack's services talk to: the stack's own emulator, or, with
 * {@code bin/stack up --render}, the one {@code RENDER_API_URL} names, with {@code RENDER_API_KEY}.
 *
 * @param baseUrl  Render's API root, {@code /v1} included
 * @param emulated whether it is the stack's own render-emulator
 */
record RenderTarget(String baseUrl, String key, boolean emulated) {

    /**
     * What deploy-api and deploy-worker are started with: environment variables, not system
     * properties, so that a real Render key does not show in {@code ps}.
     */
    Map<String, String> clientEnvironment() {
        return Map.of("RENDER_API_URL", baseUrl, "RENDER_API_KEY", key);
    }

    @Override
    public String toString() {
        return "RenderTarget[baseUrl=" + baseUrl + ", key=****, emulated=" + emulated + "]";
    }
}
