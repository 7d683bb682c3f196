package dev.streamcart.serving.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

import dev.streamcart.serving.problems.DomainException;

/** Checks that a record a request refers to exists, with a message that names it (a 422, not a 500). */
public final class References {

    private static final Set<String> TABLES = Set.of("sellers", "categories", "products", "warehouses", "users");

    private References() {}

    /** FOR SHARE: the referenced row cannot be deleted before the caller's transaction commits. */
    public static void requireExists(Connection connection, String table, String what, long id) throws SQLException {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not a referenceable table: " + table);
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ? FOR SHARE")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw DomainException.unprocessable(what + " " + id + " does not exist");
                }
            }
        }
    }
}
