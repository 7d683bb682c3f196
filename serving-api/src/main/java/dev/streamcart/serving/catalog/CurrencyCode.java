package dev.streamcart.serving.catalog;

import java.util.Currency;
import java.util.Locale;

import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/** An ISO 4217 currency code; USD when the client gives none. */
public final class CurrencyCode {

    public static final String DEFAULT = "USD";

    private CurrencyCode() {}

    public static String parse(@Nullable String code) {
        if (code == null) {
            return DEFAULT;
        }
        String upper = code.toUpperCase(Locale.ROOT);
        try {
            Currency currency = Currency.getInstance(upper);
            if (currency.getDefaultFractionDigits() != 2) {
                // amounts are stored with two fraction digits; yen-like currencies would need another scale
                throw DomainException.unprocessable("currency " + upper + " is not supported (only currencies with cents)");
            }
            return upper;
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidInput("'currency' must be an ISO 4217 code such as USD, was '" + code + "'");
        }
    }
}
