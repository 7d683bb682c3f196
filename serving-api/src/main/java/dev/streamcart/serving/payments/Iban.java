package dev.streamcart.serving.payments;

import java.math.BigInteger;
import java.util.Locale;

import dev.streamcart.serving.problems.DomainException;

/**
 * An International Bank Account Number, checked by its ISO 13616 mod-97 checksum. Like a card
 * number it is shown and stored only by its last four characters.
 */
public final class Iban {

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private final String value;

    private Iban(String value) {
        this.value = value;
    }

    /** Parses what a customer typed; spaces between groups are allowed, letters in any case. */
    public static Iban parse(String typed) {
        String compact = typed.replace(" ", "").toUpperCase(Locale.ROOT);
        if (!compact.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")) {
            throw DomainException.invalidInput("'iban' must be a country code, two check digits and 11 to 30 letters or digits");
        }
        if (!checksumHolds(compact)) {
            throw DomainException.invalidInput("'iban' is not a valid IBAN (mod-97 check failed)");
        }
        return new Iban(compact);
    }

    static boolean checksumHolds(String compact) {
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.digit(c, 36));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    /** The full number, for the gateway only. */
    String value() {
        return value;
    }

    public String country() {
        return value.substring(0, 2);
    }

    public String last4() {
        return value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return "Iban[" + country() + " ****" + last4() + "]";
    }
}
