package io.deploybus.render;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The wrappers Render puts around list items: {@code [{"cursor": "…", "service": {…}}]}. */
final class ListItems {

    private ListItems() {
    }

    @Serdeable
    record ServiceItem(@Nullable String cursor, @Nullable RenderService service) {
    }

    @Serdeable
    record DeployItem(@Nullable String cursor, @Nullable RenderDeploy deploy) {
    }

    /** Render's error body; the fake and proxies sometimes send something else, or nothing. */
    @Serdeable
    record ErrorBody(@Nullable String id, @Nullable String message) {
    }
}
