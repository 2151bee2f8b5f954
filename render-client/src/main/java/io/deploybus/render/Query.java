package io.deploybus.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.micronaut.core.annotation.Nullable;

/**
 * A query string as Render's own client sends it: array parameters of {@code /services} and
 * {@code /env-groups} comma-joined ({@code style=form, explode=false}), those of deploys, events and
 * logs as repeated keys.
 */
final class Query {

    private final List<String> parts = new ArrayList<>();

    Query add(String name, @Nullable Object value) {
        if (value != null) {
            parts.add(name + "=" + encode(value instanceof Instant instant ? instant.toString() : value.toString()));
        }
        return this;
    }

    Query joined(String name, @Nullable Collection<String> values) {
        if (values != null && !values.isEmpty()) {
            parts.add(name + "=" + encode(String.join(",", values)));
        }
        return this;
    }

    Query repeated(String name, @Nullable Collection<String> values) {
        if (values != null) {
            values.forEach(value -> add(name, value));
        }
        return this;
    }

    String on(String path) {
        return parts.isEmpty() ? path : path + "?" + String.join("&", parts);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
