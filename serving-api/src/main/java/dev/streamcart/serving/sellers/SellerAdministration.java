package dev.streamcart.serving.sellers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;

/** The operator's side of sellers: verification (once, and it stays) and the commission rate. */
public final class SellerAdministration {

    public static final BigDecimal MAX_COMMISSION = new BigDecimal("50.00");

    private static final String SELECT = """
            SELECT id, name, email, business_type, is_verified, verified_at, commission_rate FROM sellers WHERE id = ?""";

    private final Transactions transactions;

    public SellerAdministration(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Verifies the seller; verifying a verified seller changes nothing (its first verification time stays). */
    public SellerAccount verify(long sellerId) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE sellers SET is_verified = TRUE, verified_at = coalesce(verified_at, now()), updated_at = now()
                    WHERE id = ?""")) {
                update.setLong(1, sellerId);
                if (update.executeUpdate() == 0) {
                    throw DomainException.notFound("seller", sellerId);
                }
            }
            return load(connection, sellerId);
        });
    }

    /** Sets the commission rate, a percentage from 0 to 50 with at most two fraction digits. */
    public SellerAccount setCommission(long sellerId, BigDecimal ratePercent) {
        if (ratePercent.signum() < 0 || ratePercent.compareTo(MAX_COMMISSION) > 0) {
            throw DomainException.invalidInput("'commissionRate' must be a percentage from 0 to 50, was " + ratePercent);
        }
        return transactions.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE sellers SET commission_rate = ?, updated_at = now() WHERE id = ?")) {
                update.setBigDecimal(1, ratePercent);
                update.setLong(2, sellerId);
                if (update.executeUpdate() == 0) {
                    throw DomainException.notFound("seller", sellerId);
                }
            }
            return load(connection, sellerId);
        });
    }

    private static SellerAccount load(Connection connection, long sellerId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setLong(1, sellerId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw DomainException.notFound("seller", sellerId);
                }
                Timestamp verifiedAt = row.getTimestamp("verified_at");
                return new SellerAccount(row.getLong("id"), row.getString("name"), row.getString("email"),
                        row.getString("business_type"), row.getBoolean("is_verified"),
                        verifiedAt == null ? null : verifiedAt.toInstant(),
                        row.getBigDecimal("commission_rate").setScale(2, RoundingMode.UNNECESSARY).toPlainString());
            }
        }
    }
}
