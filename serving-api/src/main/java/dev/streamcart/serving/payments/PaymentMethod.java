package dev.streamcart.serving.payments;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.streamcart.serving.problems.DomainException;

/** How a buyer pays; {@link #code()} is what requests, rows and events carry. */
public enum PaymentMethod {
    CARD("card"),
    WALLET("wallet"),
    BANK_TRANSFER("bank_transfer");

    private final String code;

    PaymentMethod(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static PaymentMethod of(String code) {
        String wanted = code.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(method -> method.code.equals(wanted)).findFirst()
                .orElseThrow(() -> DomainException.unprocessable("payment method '" + code + "' is not supported; use one of "
                        + Arrays.stream(values()).map(method -> "\"" + method.code + "\"").collect(Collectors.joining(", "))));
    }
}
