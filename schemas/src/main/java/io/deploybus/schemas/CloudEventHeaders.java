package io.deploybus.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The CloudEvents Kafka protocol binding (binary mode) headers of a Deploybus record, so that any
 * CloudEvents tooling can route a record without decoding its Avro body.
 *
 * <p>{@code ce_id} is the record's {@code eventId}, {@code ce_time} its {@code occurredAt};
 * {@code ce_type} is {@code io.deploybus.<Record>}, followed by {@code .<type>} for records that
 * say what happened in a {@code type} field (so {@code io.deploybus.DeployEvent.DeploySucceeded}).
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";

    /** The media type of an Avro single-object encoded body. */
    public static final String AVRO_SINGLE_OBJECT = "application/avro";

    private static final String TYPE_PREFIX = "io.deploybus.";

    private CloudEventHeaders() {
    }

    /**
     * The headers of one record.
     *
     * @param record  the record, which must have the {@code eventId} and {@code occurredAt} fields
     * @param source  the publishing service, as a URI reference such as {@code /deploybus/deploy-api}
     * @param subject what the event is about, usually the record's key
     */
    public static Headers of(SpecificRecord record, String source, String subject) {
        var headers = new RecordHeaders();
        add(headers, ID, (String) field(record, "eventId"));
        add(headers, SOURCE, source);
        add(headers, TYPE, typeOf(record));
        add(headers, TIME, ((Instant) field(record, "occurredAt")).toString());
        add(headers, SUBJECT, subject);
        add(headers, SPEC_VERSION, "1.0");
        add(headers, CONTENT_TYPE, AVRO_SINGLE_OBJECT);
        return headers;
    }

    /** The {@code ce_type} of a record. */
    public static String typeOf(SpecificRecord record) {
        String type = TYPE_PREFIX + record.getSchema().getName();
        Schema.Field what = record.getSchema().getField("type");
        if (what != null && what.schema().getType() == Schema.Type.ENUM) {
            type += "." + record.get(what.pos());
        }
        return type;
    }

    /** The text of a header, or {@code null} when absent. */
    public static String text(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Object field(SpecificRecord record, String name) {
        Schema.Field field = record.getSchema().getField(name);
        if (field == null) {
            throw new IllegalArgumentException(record.getSchema().getName() + " has no " + name + " field");
        }
        return record.get(field.pos());
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
