package dev.streamcart.serving.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import dev.streamcart.serving.auth.Access;
import org.jspecify.annotations.Nullable;

/**
 * Where an order goes, resolved from the buyer's own addresses: the region (an explicit one wins,
 * else the shipping address's country mapped by {@code country_regions}, else unknown) and the
 * shipping address key for fraud signals. Another user's address is a 404, like a missing one.
 */
public record Destination(@Nullable Long shippingAddressId, @Nullable Long billingAddressId, @Nullable String region,
                          @Nullable String carrier, @Nullable String shippingAddressKey, boolean known) {

    private static final Destination NONE = new Destination(null, null, null, null, null, false);

    public static Destination none() {
        return NONE;
    }

    public static Destination resolve(Connection connection, long userId, PlaceOrder.@Nullable Delivery delivery)
            throws SQLException {
        if (delivery == null || !delivery.known()) {
            if (delivery != null && delivery.billingAddressId() != null) {
                requireOwnAddress(connection, userId, delivery.billingAddressId());
            }
            return delivery == null ? NONE : new Destination(null, delivery.billingAddressId(), null,
                    delivery.carrier(), null, false);
        }
        String region = delivery.region() == null ? null : delivery.region().toLowerCase(Locale.ROOT);
        String key = null;
        if (delivery.shippingAddressId() != null) {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT a.user_id, a.address_line1, a.address_line2, a.city, a.state, a.postal_code, a.country,
                           r.region
                    FROM user_addresses a LEFT JOIN country_regions r ON r.country = upper(a.country)
                    WHERE a.id = ?""")) {
                select.setLong(1, delivery.shippingAddressId());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || row.getLong(1) != userId) {
                        throw Access.notYours("address", delivery.shippingAddressId());
                    }
                    key = ShippingAddressKey.of(row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                            row.getString(6), row.getString(7).trim());
                    if (region == null) {
                        // an unmapped country is its own region: tax falls to the default rate and every
                        // warehouse counts as far away, so shipping is never underestimated
                        String mapped = row.getString(8);
                        region = mapped != null ? mapped : row.getString(7).trim().toLowerCase(Locale.ROOT);
                    }
                }
            }
        }
        if (delivery.billingAddressId() != null) {
            requireOwnAddress(connection, userId, delivery.billingAddressId());
        }
        return new Destination(delivery.shippingAddressId(), delivery.billingAddressId(), region, delivery.carrier(),
                key, true);
    }

    private static void requireOwnAddress(Connection connection, long userId, long addressId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT user_id FROM user_addresses WHERE id = ?")) {
            select.setLong(1, addressId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getLong(1) != userId) {
                    throw Access.notYours("address", addressId);
                }
            }
        }
    }
}
