package dev.streamcart.serving.users;

import java.util.regex.Pattern;

import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/** A telephone number as people write it: digits, spaces, brackets and dashes, an optional leading '+'. */
public final class PhoneNumber {

    private static final Pattern SHAPE = Pattern.compile("^\\+?[0-9][0-9 ()-]{5,30}$");

    private PhoneNumber() {}

    /** The trimmed number, or null when {@code raw} is null; 400 naming {@code field} when malformed. */
    public static @Nullable String parse(String field, @Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.trim();
        if (!SHAPE.matcher(trimmed).matches()) {
            throw DomainException.invalidInput("'" + field + "' must be a phone number such as +44 20 7946 0958");
        }
        return trimmed;
    }
}
