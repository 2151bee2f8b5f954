package io.deploybus.api.idempotency;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micronaut.core.annotation.Nullable;

/**
 * A request written out unambiguously, member by member, for {@link RequestDigests}: each text is
 * length-prefixed and each absent member marked, so that no two different requests write the same
 * bytes, and maps are written in key order, so that the same request writes the same bytes on every
 * instance (the iteration order of {@code Map.copyOf} differs from one JVM to the next).
 */
public final class CanonicalForm {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public CanonicalForm text(@Nullable String text) {
        if (text == null) {
            bytes.write(0);
            return this;
        }
        bytes.write(1);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        number(utf8.length);
        bytes.writeBytes(utf8);
        return this;
    }

    public CanonicalForm flag(boolean flag) {
        bytes.write(flag ? 1 : 0);
        return this;
    }

    public CanonicalForm number(@Nullable Integer number) {
        if (number == null) {
            bytes.write(0xff);
            return this;
        }
        int n = number;
        bytes.write(n >>> 24);
        bytes.write(n >>> 16);
        bytes.write(n >>> 8);
        bytes.write(n);
        return this;
    }

    public CanonicalForm texts(List<String> texts) {
        number(texts.size());
        texts.forEach(this::text);
        return this;
    }

    public CanonicalForm labels(Map<String, String> labels) {
        number(labels.size());
        new TreeMap<>(labels).forEach((key, value) -> text(key).text(value));
        return this;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }
}
