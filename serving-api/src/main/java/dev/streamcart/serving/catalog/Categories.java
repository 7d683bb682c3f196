package dev.streamcart.serving.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/** The category tree: a category without a parent is a root; its level is its depth from 1. */
public final class Categories {

    public record NewCategory(String name, @Nullable Long parentId) {
        public NewCategory {
            Objects.requireNonNull(name, "name");
        }
    }

    private final Transactions transactions;

    public Categories(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public long create(NewCategory category) {
        return transactions.inTransaction(connection -> {
            int level = category.parentId() == null ? 1 : levelOf(connection, category.parentId()) + 1;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO categories (name, parent_id, level) VALUES (?, ?, ?) RETURNING id")) {
                insert.setString(1, category.name());
                insert.setObject(2, category.parentId());
                insert.setInt(3, level);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    private static int levelOf(Connection connection, long categoryId) throws SQLException {
        // FOR SHARE: the parent cannot disappear before this child commits
        try (PreparedStatement select = connection.prepareStatement("SELECT level FROM categories WHERE id = ? FOR SHARE")) {
            select.setLong(1, categoryId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw DomainException.unprocessable("parent category " + categoryId + " does not exist");
                }
                return row.getInt(1);
            }
        }
    }
}
