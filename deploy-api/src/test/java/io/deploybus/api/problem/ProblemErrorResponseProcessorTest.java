package io.deploybus.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemErrorResponseProcessorTest {

    @Test
    void bindingErrorIsWordedForTheClientWithoutJavaNames() {
        String micronaut = "Failed to convert argument [request] for value [null] due to: Cannot deserialize value of "
                + "type `java.lang.Boolean` due to: must be true or false \n at [Source: REDACTED "
                + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 42]";

        assertThat(ProblemErrorResponseProcessor.clientWording(micronaut)).isEqualTo("The body is not a valid request: "
                + "Cannot deserialize value of type `java.lang.Boolean` due to: must be true or false (line 1, column 42)");
    }

    @Test
    void missingBodyIsWordedForTheClient() {
        assertThat(ProblemErrorResponseProcessor.clientWording("Required Body [request] not specified"))
                .isEqualTo("The request needs a JSON body.");
    }

    @Test
    void otherMessagesPassUnchanged() {
        assertThat(ProblemErrorResponseProcessor.clientWording("Content Type [text/plain] not allowed."))
                .isEqualTo("Content Type [text/plain] not allowed.");
    }

    @Test
    void everyProblemTypeHasItsOwnUri() {
        assertThat(ProblemType.values()).extracting(ProblemType::uri).doesNotHaveDuplicates()
                .allSatisfy(uri -> assertThat(uri.toString()).startsWith(ProblemType.BASE));
    }

    @Test
    void micronautsOwnErrorsMapToTheGenericTypeOfTheirStatus() {
        assertThat(ProblemType.genericFor(404)).contains(ProblemType.NOT_FOUND);
        assertThat(ProblemType.genericFor(400)).contains(ProblemType.INVALID_REQUEST);
        assertThat(ProblemType.genericFor(418)).isEmpty();
    }
}
