package io.deploybus.render;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An event of a service's timeline ({@code deploy_started}, {@code deploy_ended},
 * {@code server_failed}, {@code server_available}, …), as webhooks name it by id.
 *
 * @param details the type-specific part, as Render sent it
 */
@Serdeable
public record RenderEvent(String id, @Nullable String serviceId, @Nullable Instant timestamp, @Nullable String type,
                          @Nullable Map<String, Object> details) {

    public RenderEvent {
        details = details == null ? Map.of() : details;
    }

    /** {@code details.deployId}, on deploy events. */
    public Optional<String> deployId() {
        return Optional.ofNullable(details.get("deployId")).map(Object::toString);
    }

    /** {@code details.deployStatus} of {@code deploy_ended}: {@code succeeded}, {@code failed} or {@code canceled}. */
    public Optional<String> deployStatus() {
        return Optional.ofNullable(details.get("deployStatus")).map(Object::toString);
    }
}
