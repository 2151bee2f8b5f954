package io.deploybus.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde of one generated record type, in Avro single-object encoding: the marker bytes
 * {@code C3 01}, the 8-byte CRC-64-AVRO fingerprint of the writer's schema, then the binary body.
 *
 * <p>Decoding resolves any schema version released in this module (see {@link ReleasedSchemas})
 * to the current one, so a consumer reads everything still on a topic. A record that cannot be
 * decoded raises {@link UndecodableRecordException}; Kafka hands it to the listener's error
 * handling with the raw bytes, which then go to the topic's dead-letter topic. A {@code null}
 * value (a tombstone) stays {@code null}.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    static {
        // Avro 1.12.2 refuses to instantiate classes from packages it was not told to trust.
        // Trust the generated package once, here, instead of in every service's start-up.
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(),
                type -> type.getName().startsWith(AvroSerde.GENERATED_PACKAGE + ".")));
    }

    static final String GENERATED_PACKAGE = "io.deploybus.schemas.avro";

    /** Makes sure Avro trusts the generated package; the first call does it, later ones nothing. */
    public static void trustGeneratedPackage() {
        // The static initializer above has run by the time this method runs.
    }

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroSerde(Class<T> type) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        Schema current = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, current);
        this.decoder = new BinaryMessageDecoder<>(model, current);
        ReleasedSchemas.of(current.getFullName()).forEach(decoder::addSchema);
    }

    /** The serde of a generated record class. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    /** The record class this serde reads and writes. */
    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        var out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (AvroRuntimeException e) {
            throw new SerializationException("cannot encode a " + type.getSimpleName() + " for " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableRecordException(topic, type, e);
        }
    }

    /** Decodes, or returns {@code null} for a tombstone; the same as {@link #deserialize(String, byte[])}. */
    public T decode(byte[] data) {
        return deserialize("", data);
    }

    /** Encodes a record; the same as {@link #serialize(String, SpecificRecord)}. */
    public byte[] encode(T record) {
        return serialize("", record);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Configured by its type alone.
    }

    @Override
    public void close() {
        // Holds nothing that needs releasing.
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
