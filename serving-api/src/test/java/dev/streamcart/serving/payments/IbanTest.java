package dev.streamcart.serving.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamcart.serving.problems.DomainException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbanTest {

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013000", "DE89 3704 0044 0532 0130 00", "gb82west12345698765432",
            "GB29NWBK60161331926819", "FR1420041010050500013M02606"})
    void validIbansParseAndShowOnlyTheirLastFour(String typed) {
        Iban iban = Iban.parse(typed);

        assertThat(iban.last4()).hasSize(4);
        assertThat(iban.toString()).doesNotContain(iban.value().substring(4, iban.value().length() - 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013001", "DE88370400440532013000", "XX", "DE8937040044", "1234567890123456",
            "DE89-3704-0044-0532-0130-00", "DE89370400440532013000123456789012345678"})
    void invalidIbansAre400(String typed) {
        assertThatThrownBy(() -> Iban.parse(typed)).isInstanceOf(DomainException.class)
                .hasMessageContaining("'iban'");
    }
}
