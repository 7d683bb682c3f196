package dev.streamcart.serving.sellers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;

/** Public seller profiles. */
public final class SellerDirectory {

    private final Transactions transactions;

    public SellerDirectory(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** An inactive seller is reported as missing, like one that never existed. */
    public SellerProfile find(long sellerId) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, name, business_type, is_verified, rating_average, rating_count, created_at
                    FROM sellers WHERE id = ? AND is_active""")) {
                select.setLong(1, sellerId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.notFound("seller", sellerId);
                    }
                    BigDecimal rating = row.getBigDecimal("rating_average");
                    return new SellerProfile(row.getLong("id"), row.getString("name"), row.getString("business_type"),
                            row.getBoolean("is_verified"),
                            rating == null ? null : rating.setScale(2, RoundingMode.UNNECESSARY).toPlainString(),
                            row.getInt("rating_count"), row.getTimestamp("created_at").toInstant());
                }
            }
        });
    }
}
