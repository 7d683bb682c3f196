package dev.streamcart.serving.payments;

import java.time.YearMonth;
import java.util.Locale;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.web.JsonBody;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of {@code POST /api/orders/{id}/payments}:
 * <pre>
 * {"method":"card","card":{"number":"4242 4242 4242 4242","expMonth":12,"expYear":2030,"cvc":"123"}}
 * {"method":"card","cardNumber":"4242424242424242"}          (the older form, still accepted)
 * {"method":"wallet","walletId":"wal_123"}
 * {"method":"bank_transfer","iban":"DE89 3704 0044 0532 0130 00"}
 * </pre>
 * each with an optional {@code "capture":"automatic"|"manual"}. Every bad field is a 400 naming it.
 */
final class PaymentRequestParser {

    static final String DEVICE_HEADER = "X-Device-Id";
    private static final int MAX_DEVICE_ID = 100;

    private PaymentRequestParser() {}

    static PayOrder parse(long orderId, JsonBody body, @Nullable String deviceHeader) {
        PaymentMethod method = PaymentMethod.of(body.requiredText("method"));
        PaymentInstrument instrument = switch (method) {
            case CARD -> card(body);
            case WALLET -> wallet(body);
            case BANK_TRANSFER -> new PaymentInstrument.BankTransfer(Iban.parse(body.requiredText("iban")));
        };
        return new PayOrder(orderId, instrument, capture(body), deviceId(deviceHeader));
    }

    private static PaymentInstrument.Card card(JsonBody body) {
        if (!body.has("card")) {
            if (!body.has("cardNumber")) {
                throw DomainException.invalidInput("'card' is required (or the older 'cardNumber')");
            }
            return new PaymentInstrument.Card(CardNumber.parse(body.requiredText("cardNumber")), null, null);
        }
        JsonBody card = body.requiredObject("card");
        CardNumber number = CardNumber.parse(card.requiredText("number"), card.nameOf("number"));
        int month = card.requiredInt("expMonth");
        int year = card.requiredInt("expYear");
        String cvc = card.requiredText("cvc");
        return new PaymentInstrument.Card(number, YearMonth.of(year, month), cvc);
    }

    private static PaymentInstrument.Wallet wallet(JsonBody body) {
        return new PaymentInstrument.Wallet(body.requiredText("walletId"));
    }

    private static CaptureMode capture(JsonBody body) {
        String capture = body.optionalText("capture");
        if (capture == null) {
            return CaptureMode.AUTOMATIC;
        }
        return switch (capture.toLowerCase(Locale.ROOT)) {
            case "automatic" -> CaptureMode.AUTOMATIC;
            case "manual" -> CaptureMode.MANUAL;
            default -> throw DomainException.invalidInput("'capture' must be \"automatic\" or \"manual\"");
        };
    }

    private static @Nullable String deviceId(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String deviceId = header.trim();
        if (deviceId.length() > MAX_DEVICE_ID || !deviceId.matches("[A-Za-z0-9._:-]+")) {
            throw DomainException.invalidInput("the " + DEVICE_HEADER + " header must be 1 to " + MAX_DEVICE_ID
                    + " letters, digits, '.', '_', ':' or '-'");
        }
        return deviceId;
    }
}
