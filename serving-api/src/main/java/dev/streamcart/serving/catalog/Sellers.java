package dev.streamcart.serving.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.users.EmailAddress;

/** Registers sellers (marketplace merchants); one seller per e-mail address. */
public final class Sellers {

    public record NewSeller(String name, EmailAddress email) {
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
                    INSERT INTO sellers (name, email) VALUES (?, ?)
                    ON CONFLICT (email) DO NOTHING RETURNING id""")) {
                insert.setString(1, seller.name());
                insert.setString(2, seller.email().value());
                try (ResultSet row = insert.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.conflict("a seller with e-mail " + seller.email() + " already exists");
                    }
                    return row.getLong(1);
                }
            }
        });
    }
}
