package dev.streamcart.serving.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;

/** Reads and changes the name and phone of an account. */
public final class UserProfiles {

    private static final String SELECT = """
            SELECT id, email, first_name, last_name, phone, role, created_at, updated_at FROM users WHERE id = ?""";

    private final Transactions transactions;

    public UserProfiles(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public Profile find(long userId) {
        return transactions.read(connection -> load(connection, userId, false));
    }

    public Profile update(long userId, ProfileChange change) {
        return transactions.inTransaction(connection -> {
            Profile current = load(connection, userId, true);
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE users SET first_name = ?, last_name = ?, phone = ?, updated_at = now() WHERE id = ?""")) {
                update.setString(1, change.firstName() != null ? change.firstName() : current.firstName());
                update.setString(2, change.lastName() != null ? change.lastName() : current.lastName());
                update.setString(3, change.phoneGiven() ? change.phone() : current.phone());
                update.setLong(4, userId);
                update.executeUpdate();
            }
            return load(connection, userId, false);
        });
    }

    private static Profile load(Connection connection, long userId, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(lock ? SELECT + " FOR UPDATE" : SELECT)) {
            select.setLong(1, userId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw DomainException.notFound("user", userId);
                }
                return new Profile(row.getLong("id"), row.getString("email"), row.getString("first_name"),
                        row.getString("last_name"), row.getString("phone"), row.getString("role"),
                        row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
            }
        }
    }
}
