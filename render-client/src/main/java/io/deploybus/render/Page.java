package io.deploybus.render;

import java.util.List;
import java.util.Optional;

import io.micronaut.core.annotation.Nullable;

/**
 * One page of a Render list, newest first.
 *
 * @param items      what the page holds, without Render's {@code {"cursor", "<item>"}} wrappers
 * @param nextCursor the cursor to ask for the next page with; {@code null} when this page was not
 *                   full, so there is none (Render's own CLI stops there too)
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
