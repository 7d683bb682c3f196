package dev.streamcart.serving.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 (hex) of a normalised shipping address, for fraud signals: the same place gives the
 * same key however it was typed. Normalised: the recipient's name and company are left out (a
 * place, not a person), each part is Unicode NFKC, lower-cased, trimmed, runs of whitespace and
 * punctuation become one space, the postal code loses its spaces, and the parts are joined by '|'
 * in the order line 1, line 2, city, state, postal code, country.
 */
public final class ShippingAddressKey {

    private ShippingAddressKey() {}

    public static String of(String line1, @Nullable String line2, String city, @Nullable String state,
                            String postalCode, String country) {
        String canonical = Stream.of(line1, line2, city, state, postalCode.replaceAll("\\s+", ""), country)
                .map(ShippingAddressKey::normalise)
                .collect(Collectors.joining("|"));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String normalise(@Nullable String part) {
        if (part == null) {
            return "";
        }
        return Normalizer.normalize(part, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[\\s\\p{Punct}]+", " ").trim();
    }
}
