package dev.streamcart.serving.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * A user's billing and shipping addresses. Every change locks the user's row first, so changes of
 * one user's addresses run one after the other and "one default of each type" (also a unique index)
 * never trips: a new default clears the old one in the same transaction. Deleting only hides an
 * address, because orders keep pointing at the addresses they were shipped and billed to.
 */
public final class UserAddresses {

    /** More would be a scripted client, not a person; a bound keeps the list cheap to show. */
    public static final int MAX_ADDRESSES = 50;

    private static final String COLUMNS = """
            id, address_type, first_name, last_name, company, address_line1, address_line2, city, state, postal_code,
            country, phone, is_default, created_at, updated_at""";

    private final Transactions transactions;

    public UserAddresses(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public List<Address> list(long userId) {
        return transactions.read(connection -> {
            requireUser(connection, userId, false);
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM user_addresses WHERE user_id = ? AND deleted_at IS NULL ORDER BY address_type, is_default DESC, id")) {
                select.setLong(1, userId);
                try (ResultSet rows = select.executeQuery()) {
                    List<Address> addresses = new ArrayList<>();
                    while (rows.next()) {
                        addresses.add(read(rows));
                    }
                    return addresses;
                }
            }
        });
    }

    /** Adds an address; the first of its type becomes the default unless {@code makeDefault} is false. */
    public Address add(long userId, AddressFields fields, @Nullable Boolean makeDefault) {
        return transactions.inTransaction(connection -> {
            requireUser(connection, userId, true);
            if (liveAddresses(connection, userId) >= MAX_ADDRESSES) {
                throw DomainException.conflict("a user keeps at most " + MAX_ADDRESSES + " addresses: delete one first");
            }
            boolean isDefault = makeDefault != null ? makeDefault : !hasDefault(connection, userId, fields.type());
            if (isDefault) {
                clearDefault(connection, userId, fields.type(), 0);
            }
            long id;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO user_addresses (user_id, address_type, first_name, last_name, company, address_line1,
                        address_line2, city, state, postal_code, country, phone, is_default)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                insert.setLong(1, userId);
                bindFields(insert, 2, fields);
                insert.setBoolean(13, isDefault);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    id = row.getLong(1);
                }
            }
            return find(connection, userId, id, false);
        });
    }

    public Address update(long userId, long addressId, AddressChange change) {
        return transactions.inTransaction(connection -> {
            requireUser(connection, userId, true);
            Address current = find(connection, userId, addressId, true);
            AddressFields fields = change.applyTo(current.fields());
            boolean isDefault = change.isDefault() != null ? change.isDefault() : current.isDefault();
            if (isDefault) {
                clearDefault(connection, userId, fields.type(), addressId);
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE user_addresses SET address_type = ?, first_name = ?, last_name = ?, company = ?,
                        address_line1 = ?, address_line2 = ?, city = ?, state = ?, postal_code = ?, country = ?,
                        phone = ?, is_default = ?, updated_at = now()
                    WHERE id = ?""")) {
                bindFields(update, 1, fields);
                update.setBoolean(12, isDefault);
                update.setLong(13, addressId);
                update.executeUpdate();
            }
            return find(connection, userId, addressId, false);
        });
    }

    public void delete(long userId, long addressId) {
        transactions.inTransaction(connection -> {
            requireUser(connection, userId, true);
            try (PreparedStatement delete = connection.prepareStatement("""
                    UPDATE user_addresses SET deleted_at = now(), is_default = FALSE, updated_at = now()
                    WHERE id = ? AND user_id = ? AND deleted_at IS NULL""")) {
                delete.setLong(1, addressId);
                delete.setLong(2, userId);
                if (delete.executeUpdate() == 0) {
                    throw DomainException.notFound("address", addressId);
                }
            }
            return null;
        });
    }

    private static void requireUser(Connection connection, long userId, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM users WHERE id = ?" + (lock ? " FOR NO KEY UPDATE" : ""))) {
            select.setLong(1, userId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw DomainException.notFound("user", userId);
                }
            }
        }
    }

    /** Someone else's address is reported exactly like a missing one, so ids cannot be probed. */
    private static Address find(Connection connection, long userId, long addressId, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM user_addresses WHERE id = ? AND user_id = ? AND deleted_at IS NULL" + (lock ? " FOR UPDATE" : ""))) {
            select.setLong(1, addressId);
            select.setLong(2, userId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw DomainException.notFound("address", addressId);
                }
                return read(row);
            }
        }
    }

    private static long liveAddresses(Connection connection, long userId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM user_addresses WHERE user_id = ? AND deleted_at IS NULL")) {
            count.setLong(1, userId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static boolean hasDefault(Connection connection, long userId, AddressType type) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM user_addresses WHERE user_id = ? AND address_type = ? AND is_default")) {
            select.setLong(1, userId);
            select.setString(2, type.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void clearDefault(Connection connection, long userId, AddressType type, long exceptId)
            throws SQLException {
        try (PreparedStatement clear = connection.prepareStatement("""
                UPDATE user_addresses SET is_default = FALSE, updated_at = now()
                WHERE user_id = ? AND address_type = ? AND is_default AND id <> ?""")) {
            clear.setLong(1, userId);
            clear.setString(2, type.value());
            clear.setLong(3, exceptId);
            clear.executeUpdate();
        }
    }

    private static void bindFields(PreparedStatement statement, int first, AddressFields fields) throws SQLException {
        statement.setString(first, fields.type().value());
        statement.setString(first + 1, fields.firstName());
        statement.setString(first + 2, fields.lastName());
        statement.setString(first + 3, fields.company());
        statement.setString(first + 4, fields.line1());
        statement.setString(first + 5, fields.line2());
        statement.setString(first + 6, fields.city());
        statement.setString(first + 7, fields.state());
        statement.setString(first + 8, fields.postalCode());
        statement.setString(first + 9, fields.country());
        statement.setString(first + 10, fields.phone());
    }

    private static Address read(ResultSet row) throws SQLException {
        return new Address(row.getLong("id"), row.getString("address_type"), row.getString("first_name"),
                row.getString("last_name"), row.getString("company"), row.getString("address_line1"),
                row.getString("address_line2"), row.getString("city"), row.getString("state"),
                row.getString("postal_code"), row.getString("country").trim(), row.getString("phone"),
                row.getBoolean("is_default"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
