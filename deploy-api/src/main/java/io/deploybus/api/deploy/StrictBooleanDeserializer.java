package io.deploybus.api.deploy;

import java.io.IOException;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

/**
 * Reads only JSON {@code true} and {@code false} as a boolean. Micronaut Serde 2 would read
 * {@code "maybe"} as {@code false}, and a flag the client got wrong must be refused, not guessed.
 */
@Singleton
final class StrictBooleanDeserializer implements Deserializer<Boolean> {

    @Override
    public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw decoder.createDeserializationException("must be true or false", value);
    }

    @Override
    public Boolean deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
            throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
    }
}
