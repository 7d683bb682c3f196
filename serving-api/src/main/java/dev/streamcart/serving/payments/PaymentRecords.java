package dev.streamcart.serving.payments;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

import dev.streamcart.serving.orders.Order;
import org.jspecify.annotations.Nullable;

/** Rows of {@code payments} and {@code payment_transactions}, on the caller's connection. Never a card number. */
final class PaymentRecords {

    static final String AUTHORIZED = "AUTHORIZED";
    static final String CAPTURED = "CAPTURED";
    static final String VOIDED = "VOIDED";
    static final String FAILED = "FAILED";

    /** An authorisation not captured yet. */
    record OpenAuthorization(long paymentId, long orderId, BigDecimal amount, String currency, String gatewayReference,
                             String method, @Nullable String cardFingerprint) {}

    /** What a new payment row holds besides the order's amount and currency. */
    record NewPayment(PaymentMethod method, PaymentInstrument.Stored instrument, String status,
                      @Nullable String gatewayReference, @Nullable String gatewayToken, @Nullable String declineReason,
                      @Nullable String cardFingerprint, @Nullable String deviceId, int riskScore, List<String> riskReasons) {}

    private PaymentRecords() {}

    static long insert(Connection connection, Order order, NewPayment payment) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO payments (order_id, method, status, amount, currency, card_brand, card_last4, card_exp_month,
                                      card_exp_year, account_last4, gateway_reference, gateway_token, decline_reason,
                                      card_fingerprint, device_id, risk_score, risk_reasons, authorized_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        CASE WHEN ? = 'AUTHORIZED' THEN now() END) RETURNING id""")) {
            PaymentInstrument.Stored stored = payment.instrument();
            insert.setLong(1, order.id());
            insert.setString(2, payment.method().code());
            insert.setString(3, payment.status());
            insert.setBigDecimal(4, order.total());
            insert.setString(5, order.currency());
            insert.setString(6, stored.cardBrand());
            insert.setString(7, stored.cardLast4());
            setNullableInt(insert, 8, stored.expMonth());
            setNullableInt(insert, 9, stored.expYear());
            insert.setString(10, stored.accountLast4());
            insert.setString(11, payment.gatewayReference());
            insert.setString(12, payment.gatewayToken());
            insert.setString(13, payment.declineReason());
            insert.setString(14, payment.cardFingerprint());
            insert.setString(15, payment.deviceId());
            insert.setInt(16, payment.riskScore());
            Array reasons = connection.createArrayOf("text", payment.riskReasons().toArray());
            insert.setArray(17, reasons);
            insert.setString(18, payment.status());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    static void transaction(Connection connection, long paymentId, String kind, boolean succeeded, BigDecimal amount,
                            String currency, String reference, @Nullable String gatewayReference, int attempts,
                            @Nullable String failureReason) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO payment_transactions (payment_id, kind, status, amount, currency, idempotency_reference,
                                                  gateway_reference, attempts, failure_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, paymentId);
            insert.setString(2, kind);
            insert.setString(3, succeeded ? "SUCCEEDED" : "FAILED");
            insert.setBigDecimal(4, amount);
            insert.setString(5, currency);
            insert.setString(6, reference);
            insert.setString(7, gatewayReference);
            insert.setInt(8, attempts);
            insert.setString(9, failureReason);
            insert.executeUpdate();
        }
    }

    static void markCaptured(Connection connection, long paymentId) throws SQLException {
        update(connection, "UPDATE payments SET status = 'CAPTURED', captured_at = now() WHERE id = ?", paymentId);
    }

    static void markVoided(Connection connection, long paymentId) throws SQLException {
        update(connection, "UPDATE payments SET status = 'VOIDED', voided_at = now() WHERE id = ?", paymentId);
    }

    static Optional<OpenAuthorization> openAuthorization(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, amount, currency, gateway_reference, method, card_fingerprint FROM payments
                WHERE order_id = ? AND status = 'AUTHORIZED' ORDER BY id LIMIT 1""")) {
            select.setLong(1, orderId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OpenAuthorization(row.getLong(1), orderId, row.getBigDecimal(2),
                        row.getString(3).trim(), row.getString(4), row.getString(5),
                        row.getString(6) == null ? null : row.getString(6).trim()));
            }
        }
    }

    private static void update(Connection connection, String sql, long paymentId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, paymentId);
            update.executeUpdate();
        }
    }

    private static void setNullableInt(PreparedStatement statement, int index, @Nullable Integer value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.SMALLINT);
        } else {
            statement.setInt(index, value);
        }
    }
}
