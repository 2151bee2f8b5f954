package io.deploybus.schemas.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.avro.SealedValue;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String CONTEXT = "env:srv-abc:DATABASE_URL";
    private final SecretBox box = SecretBox.of("k1", Map.of("k1", SecretBox.newKey()));

    @Test
    void sealedValueOpensToTheOriginal() {
        SealedValue sealed = box.seal("postgres://app:hunter2@db/app", CONTEXT);

        assertThat(box.open(sealed, CONTEXT)).isEqualTo("postgres://app:hunter2@db/app");
        assertThat(sealed.getKeyId()).isEqualTo("k1");
    }

    @Test
    void sealedValueDoesNotContainThePlaintext() {
        SealedValue sealed = box.seal("hunter2-hunter2", CONTEXT);

        String raw = new String(sealed.getCiphertext().array(), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("hunter2");
    }

    @Test
    void valueSealedForAnotherContextDoesNotOpen() {
        SealedValue sealed = box.seal("hunter2", CONTEXT);

        assertThatThrownBy(() -> box.open(sealed, "env:srv-other:DATABASE_URL"))
                .isInstanceOf(SecretBox.SecretBoxException.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void rotatedBoxOpensValuesSealedWithTheOldKey() {
        String oldKey = SecretBox.newKey();
        SealedValue sealed = SecretBox.of("old", Map.of("old", oldKey)).seal("hunter2", CONTEXT);

        SecretBox rotated = SecretBox.of("new", Map.of("old", oldKey, "new", SecretBox.newKey()));

        assertThat(rotated.open(sealed, CONTEXT)).isEqualTo("hunter2");
        assertThat(rotated.seal("x", CONTEXT).getKeyId()).isEqualTo("new");
    }

    @Test
    void keyOfTheWrongLengthIsRefusedByNameWithoutItsValue() {
        assertThatThrownBy(() -> SecretBox.of("k1", Map.of("k1", "c2hvcnQ=")))
                .hasMessageContaining("'k1'")
                .hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void sealedValueSurvivesTheAvroRoundTrip() {
        var serde = AvroSerde.of(SealedValue.class);
        SealedValue sealed = box.seal("hunter2", CONTEXT);

        assertThat(box.open(serde.decode(serde.encode(sealed)), CONTEXT)).isEqualTo("hunter2");
    }
}
