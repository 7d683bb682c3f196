package dev.streamcart.serving.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request bodies held to the schemas of {@code openapi.yaml}: a violation is a 400 whose detail
 * names the field the way clients write it, and a body beyond the JSON parser's limits is bad
 * input, not a failure of the server.
 */
class RequestBodiesTest {

    private static final ObjectMapper JSON = JsonMapping.newObjectMapper();
    private static final RequestBodies BODIES = new RequestBodies(JSON);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aBodyBeyondTheParsersLimitsIsInvalidInput(int limit) {
        // Jackson reports these without a location in the text; reading it was a 500 (found by ContractFuzzTest)
        String body = switch (limit) {
            case 0 -> "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"; // nesting depth
            case 1 -> "{\"a\":" + "7".repeat(2_000) + "}"; // number length
            default -> "{\"" + "k".repeat(100_000) + "\":1}"; // name length
        };

        assertRefused("placeOrder", body, "not valid JSON");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "placeOrder | {} | 'items' is required",
            "placeOrder | {\"items\":[]} | 'items' must be a non-empty array",
            "placeOrder | {\"items\":[{\"productId\":1}]} | 'items[0].quantity' is required",
            "placeOrder | {\"items\":[{\"productId\":1,\"quantity\":1001}]} | 'items[0].quantity' must be at most 1000",
            "placeOrder | {\"items\":[{\"productId\":1,\"quantity\":1.5}]} | 'items[0].quantity' must be an integer",
            "placeOrder | {\"items\":[{\"productId\":9223372036854775808,\"quantity\":1}]} | 'items[0].productId' must be at most",
            "placeOrder | {\"items\":[{\"productId\":0,\"quantity\":1}]} | 'items[0].productId' must be at least 1",
            "placeOrder | {\"items\":[null]} | 'items[0]' must be an object",
            "payOrder | {\"method\":\"card\",\"card\":{\"number\":\"4242424242424242\",\"expMonth\":1,\"expYear\":2101,\"cvc\":\"12\"}} | 'card.cvc' must match",
            "createUser | {\"email\":null,\"password\":\"long enough\",\"firstName\":\"A\",\"lastName\":\"B\"} | 'email' is required",
            "createCategory | {\"name\":[\"a\"]} | 'name' must be a string",
            "changeCategory | {\"nom\":\"x\"} | 'nom' is not a field of this request",
            "writeReview | {\"rating\":5,\"title\":\"t\",\"text\":\"" + "x" + "\",\"extra\":1,\"title\":7} | 'title' must be a string",
    })
    void aViolationNamesTheField(String operationId, String body, String detail) {
        assertRefused(operationId, body, detail);
    }

    @Test
    void nullReadsAsAbsentAndCodesAreLeftToTheDomain() {
        JsonBody body = BODIES.read("addAddress", "{\"type\":\"SHIPPING\",\"firstName\":\"Ada\",\"lastName\":\"L\","
                + "\"line1\":\"1 Main St\",\"city\":\"Springfield\",\"postalCode\":\"12345\",\"country\":\"US\",\"company\":null}");

        assertThat(body.requiredText("type")).isEqualTo("SHIPPING");
        assertThat(body.optionalText("company")).isNull();
        assertThat(body.mentions("company")).isTrue();
    }

    @Test
    void anAmountMayBeAStringOrANumber() {
        assertThat(BODIES.read("changePrice", "{\"price\":19.9}").requiredMoney("price")).hasToString("19.90");
        assertThat(BODIES.read("changePrice", "{\"price\":\" 19.99 \"}").requiredMoney("price")).hasToString("19.99");
        assertRefused("changePrice", "{\"price\":true}", "'price' must be a string or a number");
    }

    private static void assertRefused(String operationId, String body, String detail) {
        assertThatThrownBy(() -> BODIES.read(operationId, body)).isInstanceOfSatisfying(DomainException.class, refused -> {
            assertThat(refused.kind()).isEqualTo(ProblemKind.INVALID_INPUT);
            assertThat(refused.detail()).contains(detail);
        });
    }
}
