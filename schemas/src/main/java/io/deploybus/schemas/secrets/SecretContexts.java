package io.deploybus.schemas.secrets;

/**
 * The contexts secrets are sealed for (GCM's additional data), spelled once: a value sealed by one
 * service opens in another only if both name the same context.
 */
public final class SecretContexts {

    private SecretContexts() {
    }

    /** An env var value in a deploy command: sealed by deploy-api, opened by deploy-worker. */
    public static String envVar(String serviceId, String key) {
        return "env:" + serviceId + ":" + key;
    }

    /** An env var value as it was before a deploy changed it, kept by deploy-worker for a rollback. */
    public static String envVarSnapshot(String serviceId, String key) {
        return "snapshot:" + serviceId + ":" + key;
    }
}
