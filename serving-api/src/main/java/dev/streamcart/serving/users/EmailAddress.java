package dev.streamcart.serving.users;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.streamcart.serving.problems.DomainException;

/** An e-mail address, lower-cased so that uniqueness ignores case. */
public record EmailAddress(String value) {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    public EmailAddress {
        if (value == null || value.length() > 255 || !SHAPE.matcher(value).matches()) {
            throw DomainException.invalidInput("'" + value + "' is not an e-mail address");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
