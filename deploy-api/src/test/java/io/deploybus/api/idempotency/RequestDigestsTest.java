package io.deploybus.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.schemas.secrets.SecretsConfiguration;
import org.junit.jupiter.api.Test;

class RequestDigestsTest {

    private static final String OLD_KEY = SecretBox.newKey();
    private static final String NEW_KEY = SecretBox.newKey();

    @Test
    void instancesWithTheSameSecretsKeyMakeTheSameDigest() {
        var one = new RequestDigests(new SecretsConfiguration("old", Map.of("old", OLD_KEY)));
        var other = new RequestDigests(new SecretsConfiguration("old", Map.of("old", OLD_KEY)));

        String digest = one.digest(aRequest("srv-a1"));

        assertThat(other.digest(aRequest("srv-a1"))).isEqualTo(digest);
        assertThat(other.compare(digest, aRequest("srv-a1"))).isEqualTo(RequestDigests.Comparison.SAME);
        assertThat(other.compare(digest, aRequest("srv-a2"))).isEqualTo(RequestDigests.Comparison.DIFFERENT);
    }

    @Test
    void digestMadeBeforeARotationStillComparesWhileItsKeyIsConfigured() {
        String digest = new RequestDigests(new SecretsConfiguration("old", Map.of("old", OLD_KEY))).digest(aRequest("srv-a1"));

        var rotated = new RequestDigests(new SecretsConfiguration("new", Map.of("old", OLD_KEY, "new", NEW_KEY)));
        var withoutOldKey = new RequestDigests(new SecretsConfiguration("new", Map.of("new", NEW_KEY)));

        assertThat(rotated.compare(digest, aRequest("srv-a1"))).isEqualTo(RequestDigests.Comparison.SAME);
        assertThat(rotated.digest(aRequest("srv-a1"))).startsWith("new:");
        assertThat(withoutOldKey.compare(digest, aRequest("srv-a1"))).isEqualTo(RequestDigests.Comparison.UNKNOWN);
        assertThat(withoutOldKey.compare(null, aRequest("srv-a1"))).isEqualTo(RequestDigests.Comparison.UNKNOWN);
    }

    @Test
    void labelsInAnotherOrderAreTheSameRequestAndTextsCannotRunTogether() {
        var digests = new RequestDigests(new SecretsConfiguration("old", Map.of("old", OLD_KEY)));
        var ab = new LinkedHashMap<String, String>();
        ab.put("a", "1");
        ab.put("b", "2");
        var ba = new LinkedHashMap<String, String>();
        ba.put("b", "2");
        ba.put("a", "1");

        assertThat(digests.digest(new CanonicalForm().labels(ab))).isEqualTo(digests.digest(new CanonicalForm().labels(ba)));
        assertThat(digests.digest(new CanonicalForm().text("ab").text("c")))
                .isNotEqualTo(digests.digest(new CanonicalForm().text("a").text("bc")));
        assertThat(digests.digest(new CanonicalForm().text(null))).isNotEqualTo(digests.digest(new CanonicalForm().text("")));
    }

    private static CanonicalForm aRequest(String serviceId) {
        return new CanonicalForm().text(serviceId).flag(true).number(null);
    }
}
