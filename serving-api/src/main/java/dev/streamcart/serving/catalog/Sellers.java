package dev.streamcart.serving.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.sellers.BusinessType;
import dev.streamcart.serving.sellers.TaxId;
import dev.streamcart.serving.users.EmailAddress;
import org.jspecify.annotations.Nullable;

/**
 * Registers sellers (marketplace merchants); one seller per e-mail address. A new seller is
 * unverified until an admin verifies it, and an unverified seller cannot list products
 * ({@link #requireVerified}); see {@code sellers.SellerAdministration}.
 */
public final class Sellers {

    /** A seller business; {@code ownerUserId} is the account that runs it (null when an admin registers one). */
    public record NewSeller(String name, EmailAddress email, @Nullable BusinessType businessType,
                            @Nullable TaxId taxId, @Nullable Long ownerUserId) {
        public NewSeller {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
        }
    }

    private final Transactions transactions;

    public Sellers(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public long create(NewSeller seller) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO sellers (name, email, business_type, tax_id, user_id) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING RETURNING id""")) {
                insert.setString(1, seller.name());
                insert.setString(2, seller.email().value());
                insert.setString(3, seller.businessType() == null ? null : seller.businessType().value());
                insert.setString(4, seller.taxId() == null ? null : seller.taxId().value());
                insert.setObject(5, seller.ownerUserId());
                try (ResultSet row = insert.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.conflict("a seller with e-mail " + seller.email()
                                + " already exists, or this account already runs a seller business");
                    }
                    long sellerId = row.getLong(1);
                    if (seller.ownerUserId() != null) {
                        // the account becomes a seller; an admin stays an admin
                        try (PreparedStatement promote = connection.prepareStatement(
                                "UPDATE users SET role = 'seller', updated_at = now() WHERE id = ? AND role = 'customer'")) {
                            promote.setLong(1, seller.ownerUserId());
                            promote.executeUpdate();
                        }
                    }
                    return sellerId;
                }
            }
        });
    }

    /**
     * 403 unless the seller is verified: a seller lists products only once an admin has verified
     * it. (Checked when the seller itself creates a product; an admin acting for a seller is the
     * operator and may.)
     */
    public void requireVerified(long sellerId) {
        boolean verified = transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT is_verified FROM sellers WHERE id = ?")) {
                select.setLong(1, sellerId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
        if (!verified) {
            throw new DomainException(ProblemKind.FORBIDDEN, "seller " + sellerId
                    + " is not verified yet: an admin verifies it (POST /api/admin/sellers/" + sellerId
                    + "/verify) before it can list products");
        }
    }
}
