package io.deploybus.api.deploy;

import java.io.IOException;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

/**
 * Reads only a JSON string as a string. Micronaut Serde 2 would read {@code ["x"]} as {@code "x"}
 * and {@code 42} as {@code "42"}; an env var value is the string the client sent or a refusal.
 * The refusal never repeats what was sent, since that may be a secret.
 */
@Singleton
final class StrictStringDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value instanceof String text) {
            return text;
        }
        throw decoder.createDeserializationException("must be a JSON string", null);
    }

    @Override
    public String deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super String> type)
            throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
    }
}
