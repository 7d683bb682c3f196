package dev.streamcart.serving.users;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A saved address as the API returns it. */
public record Address(long id, String type, String firstName, String lastName, @Nullable String company, String line1,
                      @Nullable String line2, String city, @Nullable String state, String postalCode, String country,
                      @Nullable String phone, boolean isDefault, Instant createdAt, Instant updatedAt) {

    AddressFields fields() {
        return new AddressFields(AddressType.parse(type), firstName, lastName, company, line1, line2, city, state,
                postalCode, country, phone);
    }
}
