package io.deploybus.schemas;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micronaut.configuration.kafka.serde.SerdeRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.order.Ordered;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Lets {@code @KafkaClient} and {@code @KafkaListener} methods take the generated Avro classes
 * directly: it answers for every {@link SpecificRecord} class, ahead of Micronaut's own registries,
 * and leaves every other type (the String keys) to them.
 *
 * <p>Created with the application context ({@code @Context}), so that Avro trusts the generated
 * package before any service code builds a record: a builder that fills an enum default loads
 * the enum class through Avro's class check.
 */
@Context
public class AvroSerdeRegistry implements SerdeRegistry {

    private final Map<Class<?>, Serde<?>> serdes = new ConcurrentHashMap<>();

    public AvroSerdeRegistry() {
        AvroSerde.trustGeneratedPackage();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> Serde<T> getSerde(Class<T> type) {
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            return null;
        }
        return (Serde<T>) serdes.computeIfAbsent(type, t -> AvroSerde.of((Class) t));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
