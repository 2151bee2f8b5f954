package io.deploybus.emulator;

import java.time.Instant;
import java.util.Map;

/** One event of a service's timeline, as {@code GET /v1/events/{id}} answers it. */
record ServiceEvent(String id, String serviceId, Instant timestamp, String type, Map<String, Object> details) {

    static final String DEPLOY_STARTED = "deploy_started";
    static final String DEPLOY_ENDED = "deploy_ended";
    static final String SERVER_AVAILABLE = "server_available";
    static final String SERVER_FAILED = "server_failed";
    static final String SERVICE_SUSPENDED = "service_suspended";
    static final String SERVICE_RESUMED = "service_resumed";
    static final String SERVER_RESTARTED = "server_restarted";
    static final String INSTANCE_COUNT_CHANGED = "instance_count_changed";
}
