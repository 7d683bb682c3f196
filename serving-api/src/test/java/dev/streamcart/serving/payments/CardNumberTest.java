package dev.streamcart.serving.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumberTest {

    @ParameterizedTest
    @CsvSource({
            "4242424242424242, visa, 4242",
            "4242 4242 4242 4242, visa, 4242",
            "5555-5555-5555-4444, mastercard, 4444",
            "2223003122003222, mastercard, 3222",
            "378282246310005, amex, 0005",
            "6011111111111117, discover, 1117"})
    void validNumbersAreClassifiedAndReducedToTheirLastFourDigits(String typed, String brand, String last4) {
        CardNumber card = CardNumber.parse(typed);

        assertThat(card.brand()).isEqualTo(brand);
        assertThat(card.last4()).isEqualTo(last4);
        assertThat(card.toString()).doesNotContain(typed.replace(" ", "").replace("-", "").substring(0, 8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424241", "1234567812345678", "42", "4242a42424242424", "42424242424242424242"})
    void invalidNumbersAreInvalidInput(String typed) {
        assertThatThrownBy(() -> CardNumber.parse(typed))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_INPUT))
                .hasMessageNotContaining(typed);
    }
}
