package io.deploybus.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Render's cursor pagination: {@code limit} 1..100 (default 20), and {@code cursor}, the cursor of
 * the last item of the previous page; past the end, an empty page. Cursors are opaque: URL-safe
 * base64 of the item's id.
 */
record PageRequest(@Nullable String cursor, int limit) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** @throws InvalidRequestException for a limit outside 1..100 */
    static PageRequest of(@Nullable String cursor, @Nullable Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(cursor == null || cursor.isBlank() ? null : cursor, size);
    }

    /**
     * This page of an already ordered list.
     *
     * @throws InvalidRequestException for a cursor that names no item of the list
     */
    <T> List<Item<T>> of(List<T> ordered, Function<T, String> idOf) {
        int from = 0;
        if (cursor != null) {
            String after = decode(cursor);
            from = 1 + IntStream.range(0, ordered.size()).filter(i -> idOf.apply(ordered.get(i)).equals(after))
                    .findFirst().orElseThrow(() -> new InvalidRequestException("invalid cursor: " + cursor));
        }
        return ordered.subList(from, Math.min(ordered.size(), from + limit)).stream()
                .map(item -> new Item<>(encode(idOf.apply(item)), item)).toList();
    }

    private static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid cursor: " + cursor);
        }
    }

    record Item<T>(String cursor, T item) {
    }

    /** A list item of {@code GET /services}. */
    @Serdeable
    record ServiceItem(String cursor, ServiceResource service) {
    }

    /** A list item of {@code GET /services/{serviceId}/deploys}. */
    @Serdeable
    record DeployItem(String cursor, DeployResource deploy) {
    }
}
