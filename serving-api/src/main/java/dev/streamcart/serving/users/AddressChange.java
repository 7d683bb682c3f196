package dev.streamcart.serving.users;

import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A PATCH of an address. A null value leaves the field as it is, except for the optional fields
 * named in {@code cleared}, which become empty. {@code isDefault} true makes it the default of its
 * type (clearing the previous one), false stops it being a default.
 */
public record AddressChange(@Nullable AddressType type, @Nullable String firstName, @Nullable String lastName,
                            @Nullable String company, @Nullable String line1, @Nullable String line2,
                            @Nullable String city, @Nullable String state, @Nullable String postalCode,
                            @Nullable String country, @Nullable String phone, Set<String> cleared,
                            @Nullable Boolean isDefault) {

    /** The optional fields a PATCH may clear with an explicit null. */
    public static final Set<String> CLEARABLE = Set.of("company", "line2", "state", "phone");

    public AddressChange {
        Objects.requireNonNull(cleared, "cleared");
        if (!CLEARABLE.containsAll(cleared)) {
            throw new IllegalArgumentException("only " + CLEARABLE + " can be cleared, not " + cleared);
        }
        cleared = Set.copyOf(cleared);
    }

    AddressFields applyTo(AddressFields current) {
        return new AddressFields(
                type != null ? type : current.type(),
                firstName != null ? firstName : current.firstName(),
                lastName != null ? lastName : current.lastName(),
                optional("company", company, current.company()),
                line1 != null ? line1 : current.line1(),
                optional("line2", line2, current.line2()),
                city != null ? city : current.city(),
                optional("state", state, current.state()),
                postalCode != null ? postalCode : current.postalCode(),
                country != null ? country : current.country(),
                optional("phone", phone, current.phone()));
    }

    private @Nullable String optional(String field, @Nullable String given, @Nullable String current) {
        if (cleared.contains(field)) {
            return null;
        }
        return given != null ? given : current;
    }
}
