package dev.streamcart.serving.payments;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.streamcart.serving.orders.Order;
import org.jspecify.annotations.Nullable;

/** Rows of {@code payments} and {@code payment_transactions}, on the caller's connection. Never a card number. */
final class PaymentRecords {

    /** Claimed by a payment request; its authorisation is being asked for. */
    static final String PENDING = "PENDING";
    static final String AUTHORIZED = "AUTHORIZED";
    /** Authorised; its capture is being asked for (the order is not cancelled meanwhile). */
    static final String CAPTURING = "CAPTURING";
    static final String CAPTURED = "CAPTURED";
    static final String VOIDED = "VOIDED";
    static final String FAILED = "FAILED";

    private static final String COLUMNS = """
            id, order_id, status, method, amount, currency, card_brand, card_last4, card_exp_month, card_exp_year,
            account_last4, gateway_reference, decline_reason, card_fingerprint, risk_score, risk_reasons, request_hash""";

    /** An authorisation not captured yet. */
    record OpenAuthorization(long paymentId, long orderId, BigDecimal amount, String currency, String gatewayReference,
                             String method, @Nullable String cardFingerprint) {}

    /**
     * What a new payment row holds besides the order's amount and currency.
     *
     * @param idempotencyKey the request's key, by which a retry finds the payment
     * @param requestHash    the request's fingerprint, to tell a retry from a misuse of the key
     */
    record NewPayment(PaymentMethod method, PaymentInstrument.Stored instrument, String status,
                      @Nullable String gatewayReference, @Nullable String gatewayToken, @Nullable String declineReason,
                      @Nullable String cardFingerprint, @Nullable String deviceId, int riskScore, List<String> riskReasons,
                      @Nullable String idempotencyKey, @Nullable String requestHash) {}

    /** A payment row as stored: enough to resume it and to answer for it. */
    record StoredPayment(long id, long orderId, String status, PaymentMethod method, BigDecimal amount, String currency,
                         PaymentInstrument.Stored instrument, @Nullable String gatewayReference,
                         @Nullable String declineReason, @Nullable String cardFingerprint, int riskScore,
                         List<String> riskReasons, @Nullable String requestHash) {

        StoredPayment {
            riskReasons = List.copyOf(riskReasons);
        }

        OpenAuthorization authorization() {
            if (gatewayReference == null) {
                throw new IllegalStateException("payment " + id + " has no authorisation yet");
            }
            return new OpenAuthorization(id, orderId, amount, currency, gatewayReference, method.code(), cardFingerprint);
        }
    }

    private PaymentRecords() {}

    static long insert(Connection connection, Order order, NewPayment payment) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO payments (order_id, method, status, amount, currency, card_brand, card_last4, card_exp_month,
                                      card_exp_year, account_last4, gateway_reference, gateway_token, decline_reason,
                                      card_fingerprint, device_id, risk_score, risk_reasons, idempotency_key,
                                      request_hash, authorized_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
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
            insert.setString(18, payment.idempotencyKey());
            insert.setString(19, payment.requestHash());
            insert.setString(20, payment.status());
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

    /**
     * Records the provider's authorisation of a pending payment: {@code AUTHORIZED} (manual capture,
     * or an order that is no longer payable) or {@code CAPTURING} (the capture is asked for next).
     * False when the payment was not pending (another request with the same key got there first).
     */
    static boolean markAuthorized(Connection connection, long paymentId, String status, String gatewayReference,
                                  String gatewayToken) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE payments SET status = ?, gateway_reference = ?, gateway_token = ?, authorized_at = now(),
                                    capturing_since = CASE WHEN ? = 'CAPTURING' THEN now() END
                WHERE id = ? AND status = 'PENDING'""")) {
            update.setString(1, status);
            update.setString(2, gatewayReference);
            update.setString(3, gatewayToken);
            update.setString(4, status);
            update.setLong(5, paymentId);
            return update.executeUpdate() == 1;
        }
    }

    /** A pending payment the provider declined becomes FAILED; false when it was not pending. */
    static boolean markDeclined(Connection connection, long paymentId, String gatewayReference, String reason)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE payments SET status = 'FAILED', gateway_reference = ?, decline_reason = ?
                WHERE id = ? AND status = 'PENDING'""")) {
            update.setString(1, gatewayReference);
            update.setString(2, reason);
            update.setLong(3, paymentId);
            return update.executeUpdate() == 1;
        }
    }

    /** An authorised payment whose capture is about to be asked for; false when it was not AUTHORIZED. */
    static boolean markCapturing(Connection connection, long paymentId) throws SQLException {
        return update(connection, """
                UPDATE payments SET status = 'CAPTURING', capturing_since = now() WHERE id = ? AND status = 'AUTHORIZED'""",
                paymentId);
    }

    /** The provider refused the capture for good: the authorisation is open again. */
    static boolean captureRefused(Connection connection, long paymentId) throws SQLException {
        return update(connection, "UPDATE payments SET status = 'AUTHORIZED' WHERE id = ? AND status = 'CAPTURING'",
                paymentId);
    }

    /** False when the payment was not being captured (an earlier request completed it). */
    static boolean markCaptured(Connection connection, long paymentId) throws SQLException {
        return update(connection,
                "UPDATE payments SET status = 'CAPTURED', captured_at = now() WHERE id = ? AND status = 'CAPTURING'",
                paymentId);
    }

    /** False when the authorisation was not open any more (voided or captured by another request). */
    static boolean markVoided(Connection connection, long paymentId) throws SQLException {
        return update(connection,
                "UPDATE payments SET status = 'VOIDED', voided_at = now() WHERE id = ? AND status = 'AUTHORIZED'",
                paymentId);
    }

    /** A pending payment whose authorisation never got an answer is forgotten; false when it was not pending. */
    static boolean deletePending(Connection connection, long paymentId) throws SQLException {
        return update(connection, "DELETE FROM payments WHERE id = ? AND status = 'PENDING'", paymentId);
    }

    /** The payment a request with this key made on the order, if any. */
    static Optional<StoredPayment> ofKey(Connection connection, long orderId, String idempotencyKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM payments WHERE order_id = ? AND idempotency_key = ?")) {
            select.setLong(1, orderId);
            select.setString(2, idempotencyKey);
            return single(select);
        }
    }

    /** Locks the payment row (after its order's, always in that order). */
    static StoredPayment lock(Connection connection, long paymentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM payments WHERE id = ? FOR UPDATE")) {
            select.setLong(1, paymentId);
            return single(select).orElseThrow(() -> new IllegalStateException("payment " + paymentId + " is gone"));
        }
    }

    /** The order's payment that is pending, authorised or being captured: at most one (a unique index). */
    static Optional<StoredPayment> inProgress(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM payments WHERE order_id = ? AND status IN ('PENDING', 'AUTHORIZED', 'CAPTURING')")) {
            select.setLong(1, orderId);
            return single(select);
        }
    }

    /** Authorisations still open on an order that is no longer awaiting payment: to be voided at the provider. */
    static List<OpenAuthorization> leftOver(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + """
                 FROM payments WHERE order_id = ? AND status = 'AUTHORIZED'
                AND EXISTS (SELECT 1 FROM orders o WHERE o.id = payments.order_id AND o.status <> 'PENDING_PAYMENT')
                ORDER BY id""")) {
            select.setLong(1, orderId);
            List<OpenAuthorization> open = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    open.add(read(row).authorization());
                }
            }
            return open;
        }
    }

    /** Payments whose capture has been asked for longer than {@code stalledFor}: no request came back to them. */
    static List<StoredPayment> stalledCaptures(Connection connection, Duration stalledFor, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + """
                 FROM payments WHERE status = 'CAPTURING' AND capturing_since <= now() - make_interval(secs => ?)
                ORDER BY id LIMIT ?""")) {
            select.setDouble(1, stalledFor.toMillis() / 1000.0);
            select.setInt(2, limit);
            List<StoredPayment> stalled = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    stalled.add(read(row));
                }
            }
            return stalled;
        }
    }

    /**
     * Orders no longer awaiting payment that still hold an authorisation given longer than
     * {@code olderThan} ago (its void got no answer): at most {@code limit}.
     */
    static List<Long> ordersWithLeftOverAuthorizations(Connection connection, Duration olderThan, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT DISTINCT p.order_id FROM payments p JOIN orders o ON o.id = p.order_id
                WHERE p.status = 'AUTHORIZED' AND o.status <> 'PENDING_PAYMENT'
                  AND p.authorized_at <= now() - make_interval(secs => ?)
                ORDER BY p.order_id LIMIT ?""")) {
            select.setDouble(1, olderThan.toMillis() / 1000.0);
            select.setInt(2, limit);
            List<Long> orders = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    orders.add(row.getLong(1));
                }
            }
            return orders;
        }
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

    private static boolean update(Connection connection, String sql, long paymentId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, paymentId);
            return update.executeUpdate() == 1;
        }
    }

    private static Optional<StoredPayment> single(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(read(row)) : Optional.empty();
        }
    }

    private static StoredPayment read(ResultSet row) throws SQLException {
        int month = row.getInt("card_exp_month");
        Integer expMonth = row.wasNull() ? null : month;
        int year = row.getInt("card_exp_year");
        Integer expYear = row.wasNull() ? null : year;
        PaymentInstrument.Stored instrument = new PaymentInstrument.Stored(row.getString("card_brand"),
                trimmed(row.getString("card_last4")), expMonth, expYear, row.getString("account_last4"));
        Array reasons = row.getArray("risk_reasons");
        List<String> riskReasons = reasons == null ? List.of() : Arrays.asList((String[]) reasons.getArray());
        return new StoredPayment(row.getLong("id"), row.getLong("order_id"), row.getString("status"),
                PaymentMethod.of(row.getString("method")), row.getBigDecimal("amount"), row.getString("currency").trim(),
                instrument, row.getString("gateway_reference"), row.getString("decline_reason"),
                trimmed(row.getString("card_fingerprint")), row.getInt("risk_score"), riskReasons,
                trimmed(row.getString("request_hash")));
    }

    private static @Nullable String trimmed(@Nullable String value) {
        return value == null ? null : value.trim();
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
