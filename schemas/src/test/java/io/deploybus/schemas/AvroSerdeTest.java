package io.deploybus.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final AvroSerde<DeployEvent> serde = AvroSerde.of(DeployEvent.class);

    @Test
    void recordRoundTripsInSingleObjectEncoding() {
        DeployEvent event = anEvent();

        byte[] bytes = serde.serialize("deploy.events", event);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.deserialize("deploy.events", bytes)).isEqualTo(event);
    }

    @Test
    void tombstoneStaysNull() {
        assertThat(serde.serialize("deploy.events", null)).isNull();
        assertThat(serde.deserialize("deploy.events", null)).isNull();
    }

    @Test
    void bytesThatAreNotSingleObjectEncodedAreUndecodable() {
        assertThatThrownBy(() -> serde.deserialize("deploy.events", "{\"not\":\"avro\"}".getBytes()))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("DeployEvent")
                .hasMessageContaining("deploy.events");
    }

    @Test
    void recordWrittenWithAnUnknownSchemaIsUndecodable() throws Exception {
        Schema stranger = SchemaBuilder.record("Stranger").namespace("elsewhere").fields()
                .requiredString("eventId").endRecord();
        var record = new GenericData.Record(stranger);
        record.put("eventId", "x");
        byte[] bytes = new BinaryMessageEncoder<GenericData.Record>(GenericData.get(), stranger).encode(record).array();

        assertThatThrownBy(() -> serde.deserialize("deploy.events", bytes))
                .isInstanceOf(UndecodableRecordException.class);
    }

    @Test
    void recordWrittenWithTheReleasedFirstVersionDecodes() throws Exception {
        Schema v1 = ReleasedSchemas.of(DeployEvent.getClassSchema().getFullName()).getFirst();
        var model = new GenericData();
        var encoder = new BinaryMessageEncoder<GenericData.Record>(model, v1);
        var record = new GenericData.Record(v1);
        DeployEvent event = anEvent();
        for (Schema.Field field : v1.getFields()) {
            Object value = event.get(field.name());
            if (value instanceof Enum<?> symbol) {
                value = new GenericData.EnumSymbol(field.schema(), symbol.name());
            } else if (value instanceof Instant instant) {
                value = instant.toEpochMilli();
            }
            record.put(field.name(), value);
        }

        DeployEvent decoded = serde.decode(encoder.encode(record).array());

        assertThat(decoded).isEqualTo(event);
    }

    private static DeployEvent anEvent() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return DeployEvent.newBuilder()
                .setEventId("evt-1")
                .setOccurredAt(now)
                .setDeployId("dpl-1")
                .setServiceId("srv-abc")
                .setSequence(1)
                .setType(DeployEventType.DeployAccepted)
                .setStatus(DeployStatus.QUEUED)
                .setCommitId("a1b2c3")
                .setAcceptedAt(now)
                .build();
    }
}
