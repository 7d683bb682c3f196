package dev.streamcart.serving.users;

import java.util.Locale;

import dev.streamcart.serving.problems.DomainException;

/** What an address is for; a user has at most one default of each. */
public enum AddressType {
    BILLING,
    SHIPPING;

    /** The value of {@code user_addresses.address_type} and of the JSON field {@code type}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AddressType parse(String raw) {
        for (AddressType type : values()) {
            if (type.value().equalsIgnoreCase(raw.trim())) {
                return type;
            }
        }
        throw DomainException.invalidInput("'type' must be 'billing' or 'shipping', was '" + raw + "'");
    }
}
