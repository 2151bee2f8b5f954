package io.deploybus.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import io.deploybus.schemas.avro.Alert;
import io.deploybus.schemas.avro.DeliveryAttempt;
import io.deploybus.schemas.avro.DeployBatch;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.HealthEvent;
import io.deploybus.schemas.avro.RenderWebhook;
import io.deploybus.schemas.avro.ServiceLane;
import io.deploybus.schemas.avro.Subscription;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build step that refuses a schema change breaking readers or writers of a released version:
 * the current schema must read everything every released version wrote, and every released
 * version must read what the current schema writes.
 */
class SchemaCompatibilityTest {

    static Stream<Schema> currentSchemas() {
        return Stream.of(DeployCommand.getClassSchema(), DeployEvent.getClassSchema(), HealthEvent.getClassSchema(),
                Alert.getClassSchema(), Subscription.getClassSchema(), DeliveryAttempt.getClassSchema(),
                ServiceLane.getClassSchema(), RenderWebhook.getClassSchema(), DeployBatch.getClassSchema());
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void everyRecordHasAReleasedVersion(Schema current) {
        assertThat(ReleasedSchemas.of(current.getFullName())).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void currentSchemaReadsWhatEveryReleasedVersionWrote(Schema current) {
        for (Schema released : ReleasedSchemas.of(current.getFullName())) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
            assertThat(result.getType())
                    .as("%s cannot read a released version: %s", current.getName(), result.getDescription())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void everyReleasedVersionReadsWhatTheCurrentSchemaWrites(Schema current) {
        for (Schema released : ReleasedSchemas.of(current.getFullName())) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(released, current);
            assertThat(result.getType())
                    .as("a released %s cannot read the current one: %s", current.getName(), result.getDescription())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void everyRecordAndFieldIsDocumented(Schema current) {
        assertThat(undocumented(current)).as("records and fields without a doc").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void everyRecordCarriesItsEventIdAndTime(Schema current) {
        assertThat(current.getField("eventId")).isNotNull();
        assertThat(current.getField("occurredAt")).isNotNull();
    }

    private static List<String> undocumented(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> Stream.concat(
                    blank(schema.getDoc()) ? Stream.of(schema.getFullName()) : Stream.empty(),
                    schema.getFields().stream().flatMap(f -> Stream.concat(
                            blank(f.doc()) ? Stream.of(schema.getName() + "." + f.name()) : Stream.empty(),
                            undocumented(f.schema()).stream()))).distinct().toList();
            case ARRAY -> undocumented(schema.getElementType());
            case MAP -> undocumented(schema.getValueType());
            case UNION -> schema.getTypes().stream().flatMap(t -> undocumented(t).stream()).toList();
            default -> List.of();
        };
    }

    private static boolean blank(String doc) {
        return doc == null || doc.isBlank();
    }
}
