package io.deploybus.api.deploy;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a page of deploys ended, newest first: the last deploy's acceptance time and id. A client
 * passes it back as {@code cursor} to get the deploys after it. It is a position, not a snapshot:
 * deploys accepted since come before it and never push a deploy from one page onto the next.
 *
 * <p>Opaque to clients (base64url of a versioned text), so that its form can change; a text that
 * does not decode into one is not a cursor of this API.
 */
record Cursor(Instant acceptedAt, String deployId) {

    private static final String VERSION = "d1";
    private static final Pattern DEPLOY_ID = Pattern.compile("[A-Za-z0-9._-]{1,90}");
    private static final int MAX_LENGTH = 200;

    String encode() {
        String text = VERSION + "|" + acceptedAt.getEpochSecond() + "|" + acceptedAt.getNano() + "|" + deployId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor the text encodes; empty when it is not one this API gave out. */
    static Optional<Cursor> decode(String text) {
        if (text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0]) || !DEPLOY_ID.matcher(parts[3]).matches()) {
                return Optional.empty();
            }
            return Optional.of(new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])), parts[3]));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
