package io.deploybus.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract reads Render's document as its traffic behaves, and no looser. */
class OpenApiContractTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.load();

    private final OpenApiContract.Operation getDeploy =
            CONTRACT.operationOf("GET", "/services/srv-x/deploys/dep-y").orElseThrow();

    @Test
    void explicitNullForAnOptionalPropertyIsAccepted() {
        assertThat(CONTRACT.violations(getDeploy, 200,
                "{\"id\":\"dep-y\",\"commit\":null,\"finishedAt\":null,\"status\":\"live\"}")).isEmpty();
    }

    @Test
    void unknownEnumValueMissingRequiredFieldAndWrongTypeAreViolations() {
        assertThat(CONTRACT.violations(getDeploy, 200, "{\"id\":\"dep-y\",\"status\":\"exploded\"}")).isNotEmpty();
        assertThat(CONTRACT.violations(getDeploy, 200, "{\"status\":\"live\"}")).isNotEmpty();
        assertThat(CONTRACT.violations(getDeploy, 200, "{\"id\":42}")).isNotEmpty();
    }

    @Test
    void undeclaredStatusAndABodyWhereNoneIsDeclaredAreViolations() {
        var trigger = CONTRACT.operationOf("POST", "/services/srv-x/deploys").orElseThrow();

        assertThat(CONTRACT.violations(getDeploy, 418, "")).isNotEmpty();
        assertThat(CONTRACT.violations(trigger, 202, "{\"id\":\"dep-y\"}")).isNotEmpty();
        assertThat(CONTRACT.violations(trigger, 202, "")).isEmpty();
    }

    @Test
    void mostSpecificPathTemplateIsTheOperation() {
        assertThat(CONTRACT.operationOf("POST", "/services/srv-x/deploys/dep-y/cancel")).get().hasToString(
                "POST /services/{serviceId}/deploys/{deployId}/cancel");
        assertThat(CONTRACT.operationOf("GET", "/env-groups/evg-x")).get().hasToString("GET /env-groups/{envGroupId}");
    }
}
