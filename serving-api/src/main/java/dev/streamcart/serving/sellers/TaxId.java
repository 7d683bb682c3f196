package dev.streamcart.serving.sellers;

import java.util.regex.Pattern;

import dev.streamcart.serving.problems.DomainException;

/** A tax or VAT number as issued: letters, digits, and the separators authorities print (space . / -). */
public record TaxId(String value) {

    private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ./-]{3,49}$");

    public TaxId {
        if (value == null || !SHAPE.matcher(value.trim()).matches()) {
            throw DomainException.invalidInput("'taxId' must be 4 to 50 letters, digits, spaces, dots, slashes or dashes");
        }
        value = value.trim();
    }

    /** Never printed whole: a tax id identifies a person for sole traders. */
    @Override
    public String toString() {
        return "TaxId[..." + value.substring(value.length() - 2) + "]";
    }
}
