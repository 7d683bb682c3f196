package dev.streamcart.serving.shipping;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * Prices an order's parcel with every active carrier. Weight: the products' {@code weightGrams}
 * attribute times quantity ({@link #DEFAULT_ITEM_GRAMS} when a product has none). Zone: the farthest
 * warehouse holding the order's units to the destination region (without one, the nearest case:
 * the warehouse's own region). A carrier without a band that holds the weight is not offered.
 */
public final class ShippingOptions {

    public static final int DEFAULT_ITEM_GRAMS = 500;

    private final Transactions transactions;
    private final Clock clock;

    public ShippingOptions(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ShippingQuote quote(long orderId, @Nullable String destinationRegion) {
        return transactions.read(connection -> {
            int weight = weightGrams(connection, orderId);
            int zone = zone(connection, orderId, destinationRegion);
            return new ShippingQuote(orderId, weight, zone, destinationRegion,
                    offers(connection, zone, weight, currency(connection, orderId)));
        });
    }

    private static int weightGrams(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT o.id, COALESCE(SUM(oi.quantity * CASE WHEN jsonb_typeof(p.attributes -> 'weightGrams') = 'number'
                                          THEN (p.attributes ->> 'weightGrams')::numeric ELSE ? END), 0)
                FROM orders o
                LEFT JOIN order_items oi ON oi.order_id = o.id
                LEFT JOIN products p ON p.id = oi.product_id
                WHERE o.id = ? GROUP BY o.id""")) {
            select.setInt(1, DEFAULT_ITEM_GRAMS);
            select.setLong(2, orderId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw DomainException.notFound("order", orderId);
                }
                return Math.max(1, row.getBigDecimal(2).intValue());
            }
        }
    }

    private static int zone(Connection connection, long orderId, @Nullable String destinationRegion)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT DISTINCT w.region FROM stock_reservations r JOIN warehouses w ON w.id = r.warehouse_id
                WHERE r.order_id = ? AND r.status <> 'RELEASED'""")) {
            select.setLong(1, orderId);
            int zone = ShippingZone.LOCAL;
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String region = row.getString(1);
                    String destination = destinationRegion == null ? region : destinationRegion;
                    zone = Math.max(zone, ShippingZone.between(region, destination));
                }
            }
            return zone;
        }
    }

    private static String currency(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT currency FROM orders WHERE id = ?")) {
            select.setLong(1, orderId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1).trim();
            }
        }
    }

    /**
     * Every active carrier's price for a parcel of {@code weightGrams} in {@code zone}, in rates of
     * {@code currency} (a parcel is priced in its order's currency), cheapest first. Checkout prices
     * each seller's parcel with this before an order exists.
     */
    public List<ShippingOption> offers(Connection connection, int zone, int weightGrams, String currency)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT DISTINCT ON (c.id) c.code, c.name, r.price, r.currency, r.delivery_days
                FROM carriers c JOIN carrier_rates r ON r.carrier_id = c.id
                WHERE c.is_active AND r.zone = ? AND r.max_weight_grams >= ? AND r.currency = ?
                ORDER BY c.id, r.max_weight_grams""")) {
            select.setInt(1, zone);
            select.setInt(2, weightGrams);
            select.setString(3, currency);
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            List<ShippingOption> options = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int days = row.getInt(5);
                    options.add(new ShippingOption(row.getString(1), row.getString(2), Money.format(row.getBigDecimal(3)),
                            row.getString(4).trim(), days, today.plusDays(days)));
                }
            }
            options.sort(Comparator.comparing(option -> new BigDecimal(option.price())));
            return options;
        }
    }
}
