package dev.streamcart.serving.payments.risk;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Gathers the {@link RiskSignals} of a payment attempt: velocity from a {@link VelocitySource}, the
 * rest from PostgreSQL, all on the payment's own connection (it sees the locked order as it is).
 * Devices become known only by paying successfully ({@link #rememberDevice}), so a blocked or
 * declined attempt never makes its device look familiar.
 */
public final class RiskSignalCollector {

    /** The tolerance of the design's price check: more than a cent apart is a mismatch. */
    private static final BigDecimal PRICE_TOLERANCE = new BigDecimal("0.01");

    private final Function<Connection, VelocitySource> velocity;

    /**
     * @param velocity the velocity source for a payment's connection: {@code PostgresVelocitySource::new}
     *                 counts on that connection; a source fed by the event stream ignores it
     */
    public RiskSignalCollector(Function<Connection, VelocitySource> velocity) {
        this.velocity = Objects.requireNonNull(velocity, "velocity");
    }

    public RiskSignals collect(Connection connection, long orderId, long userId, BigDecimal amount,
                               @Nullable String deviceId, @Nullable String cardFingerprint) throws SQLException {
        VelocitySource source = velocity.apply(connection);
        return new RiskSignals(amount, source.ordersLast24h(userId), source.distinctCardsLast24h(userId, cardFingerprint),
                deviceId != null && !knownDevice(connection, userId, deviceId), deviceId == null,
                newShippingAddress(connection, orderId, userId), priceMismatches(connection, orderId));
    }

    /** Records that {@code deviceId} paid successfully for the user. */
    public static void rememberDevice(Connection connection, long userId, @Nullable String deviceId) throws SQLException {
        if (deviceId == null) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO known_devices (user_id, device_id) VALUES (?, ?)
                ON CONFLICT (user_id, device_id) DO UPDATE SET last_seen_at = now()""")) {
            upsert.setLong(1, userId);
            upsert.setString(2, deviceId);
            upsert.executeUpdate();
        }
    }

    private static boolean knownDevice(Connection connection, long userId, String deviceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM known_devices WHERE user_id = ? AND device_id = ?")) {
            select.setLong(1, userId);
            select.setString(2, deviceId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** True when the order has a shipping address and no other order of the user that was paid went there. */
    private static boolean newShippingAddress(Connection connection, long orderId, long userId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT o.shipping_address_id IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM orders earlier JOIN payments p ON p.order_id = earlier.id
                    WHERE earlier.user_id = ? AND earlier.id <> o.id
                      AND earlier.shipping_address_id = o.shipping_address_id
                      AND p.status IN ('CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED'))
                FROM orders o WHERE o.id = ?""")) {
            select.setLong(1, userId);
            select.setLong(2, orderId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static int priceMismatches(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(*) FROM order_items i JOIN products p ON p.id = i.product_id
                WHERE i.order_id = ? AND abs(p.price - i.unit_price) > ?""")) {
            select.setLong(1, orderId);
            select.setBigDecimal(2, PRICE_TOLERANCE);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
