package dev.streamcart.serving.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.users.EmailAddress;
import org.jspecify.annotations.Nullable;

/** Registers sellers (marketplace merchants); one seller per e-mail address. */
public final class Sellers {

    /** A seller business; {@code ownerUserId} is the account that runs it (null when an admin registers one). */
    public record NewSeller(String name, EmailAddress email, @Nullable Long ownerUserId) {
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
                    INSERT INTO sellers (name, email, user_id) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING RETURNING id""")) {
                insert.setString(1, seller.name());
                insert.setString(2, seller.email().value());
                insert.setObject(3, seller.ownerUserId());
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
}
