package dev.streamcart.serving.users;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/** The content of a postal address, validated; {@code country} is an ISO 3166-1 alpha-2 code in capitals. */
public record AddressFields(AddressType type, String firstName, String lastName, @Nullable String company,
                            String line1, @Nullable String line2, String city, @Nullable String state,
                            String postalCode, String country, @Nullable String phone) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern POSTAL_CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 -]{1,19}$");

    public AddressFields {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(line1, "line1");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(country, "country");
        if (!POSTAL_CODE.matcher(postalCode).matches()) {
            throw DomainException.invalidInput("'postalCode' must be 2 to 20 letters, digits, spaces or dashes");
        }
        country = country.toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw DomainException.invalidInput("'country' must be an ISO 3166-1 alpha-2 code such as GB or US, was '"
                    + country + "'");
        }
    }
}
