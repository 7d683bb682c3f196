package dev.streamcart.serving.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies beyond the JSON parser's limits are bad input, not a failure of the server. Jackson reports
 * them without a location in the text, and reading that location failed the request with a 500
 * (found by {@code badinput.ContractFuzzTest}).
 */
class JsonBodyTest {

    private static final ObjectMapper JSON = JsonMapping.newObjectMapper();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aBodyBeyondTheParsersLimitsIsInvalidInput(int limit) {
        String body = switch (limit) {
            case 0 -> "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"; // nesting depth
            case 1 -> "{\"a\":" + "7".repeat(2_000) + "}"; // number length
            default -> "{\"" + "k".repeat(100_000) + "\":1}"; // name length
        };

        assertThatThrownBy(() -> JsonBody.parse(JSON, body)).isInstanceOfSatisfying(DomainException.class, refused -> {
            assertThat(refused.kind()).isEqualTo(ProblemKind.INVALID_INPUT);
            assertThat(refused.detail()).contains("not valid JSON");
        });
    }
}
