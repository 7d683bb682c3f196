package dev.streamcart.serving.payments;

import dev.streamcart.serving.problems.DomainException;

/**
 * A payment card number, checked (12 to 19 digits, Luhn) and classified. It lives only for the
 * duration of a charge: {@link #toString()} masks it, and only {@link #brand()} and
 * {@link #last4()} are ever stored.
 */
public final class CardNumber {

    private final String digits;
    private final String brand;

    private CardNumber(String digits) {
        this.digits = digits;
        this.brand = brandOf(digits);
    }

    /** Parses what a customer typed; spaces and dashes between digit groups are allowed. */
    public static CardNumber parse(String typed) {
        return parse(typed, "cardNumber");
    }

    /** Like {@link #parse(String)}; problems name {@code field}. The number itself is never in a message. */
    public static CardNumber parse(String typed, String field) {
        String digits = typed.replace(" ", "").replace("-", "");
        if (digits.length() < 12 || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
            throw DomainException.invalidInput("'" + field + "' must be 12 to 19 digits");
        }
        if (!passesLuhn(digits)) {
            throw DomainException.invalidInput("'" + field + "' is not a valid card number (Luhn check failed)");
        }
        return new CardNumber(digits);
    }

    /** The full number, for the gateway only. */
    String digits() {
        return digits;
    }

    public String brand() {
        return brand;
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    public int length() {
        return digits.length();
    }

    static boolean passesLuhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static String brandOf(String digits) {
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        if (digits.charAt(0) == '4') {
            return "visa";
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return "mastercard";
        }
        if (two == 34 || two == 37) {
            return "amex";
        }
        if (four == 6011 || two == 65) {
            return "discover";
        }
        return "unknown";
    }

    @Override
    public String toString() {
        return "CardNumber[" + brand + " ****" + last4() + "]";
    }
}
