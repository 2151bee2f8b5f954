package io.deploybus.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    @Test
    void headersCarryTheCloudEventsAttributesOfTheRecord() {
        Instant at = Instant.parse("2026-11-22T10:15:30.123Z");
        var event = DeployEvent.newBuilder()
                .setEventId("evt-42").setOccurredAt(at).setDeployId("dpl-1").setServiceId("srv-abc")
                .setSequence(3).setType(DeployEventType.DeploySucceeded).setStatus(DeployStatus.SUCCEEDED)
                .setAcceptedAt(at).build();

        var headers = CloudEventHeaders.of(event, "/deploybus/deploy-worker", "srv-abc");

        assertThat(CloudEventHeaders.text(headers, "ce_id")).isEqualTo("evt-42");
        assertThat(CloudEventHeaders.text(headers, "ce_source")).isEqualTo("/deploybus/deploy-worker");
        assertThat(CloudEventHeaders.text(headers, "ce_type")).isEqualTo("io.deploybus.DeployEvent.DeploySucceeded");
        assertThat(CloudEventHeaders.text(headers, "ce_time")).isEqualTo("2026-11-22T10:15:30.123Z");
        assertThat(CloudEventHeaders.text(headers, "ce_subject")).isEqualTo("srv-abc");
        assertThat(CloudEventHeaders.text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(CloudEventHeaders.text(headers, "content-type")).isEqualTo("application/avro");
    }
}
