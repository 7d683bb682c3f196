package dev.streamcart.serving.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * The category tree: a category without a parent is a root; its level is its depth from 1. A move
 * under one of the category's own descendants (a cycle) is refused, as is an unknown parent.
 */
public final class Categories {

    public record NewCategory(String name, @Nullable Long parentId) {
        public NewCategory {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A change to a category: a new name, and/or a new parent ({@code moveToRoot} to make it a root). */
    public record CategoryChange(@Nullable String name, @Nullable Long parentId, boolean moveToRoot) {}

    /** One category of the tree with its children, ordered by sort order, then name. */
    public record CategoryNode(long id, String name, @Nullable Long parentId, int level, List<CategoryNode> children) {}

    public record CategoryRef(long id, String name, int level) {}

    /** A category with the path from its root (root first, itself last) and its direct children. */
    public record CategoryDetail(long id, String name, @Nullable String description, @Nullable Long parentId, int level,
                                 List<CategoryRef> path, List<CategoryRef> children) {}

    private record Row(long id, String name, @Nullable String description, @Nullable Long parentId, int level,
                       int sortOrder) {}

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

    /**
     * Renames and/or moves a category; a move re-levels its whole subtree. The table is locked
     * against other moves for the transaction, so two concurrent moves cannot form a cycle together.
     */
    public void change(long categoryId, CategoryChange change) {
        transactions.inTransaction(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE")) {
                lock.execute();
            }
            if (!exists(connection, categoryId)) {
                throw DomainException.notFound("category", categoryId);
            }
            if (change.name() != null) {
                try (PreparedStatement rename = connection.prepareStatement(
                        "UPDATE categories SET name = ?, updated_at = now() WHERE id = ?")) {
                    rename.setString(1, change.name());
                    rename.setLong(2, categoryId);
                    rename.executeUpdate();
                }
            }
            if (change.parentId() != null || change.moveToRoot()) {
                move(connection, categoryId, change.moveToRoot() ? null : change.parentId());
            }
            return null;
        });
    }

    private static void move(Connection connection, long categoryId, @Nullable Long parentId) throws SQLException {
        int level = 1;
        if (parentId != null) {
            if (parentId == categoryId || isDescendant(connection, parentId, categoryId)) {
                throw DomainException.unprocessable("category " + categoryId + " cannot move under " + parentId
                        + ", which is itself or one of its descendants (the tree would have a cycle)");
            }
            level = levelOf(connection, parentId) + 1;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                WITH RECURSIVE subtree (id, level) AS (
                    SELECT id, ? FROM categories WHERE id = ?
                    UNION ALL
                    SELECT c.id, s.level + 1 FROM categories c JOIN subtree s ON c.parent_id = s.id)
                UPDATE categories c SET level = s.level, updated_at = now(),
                       parent_id = CASE WHEN c.id = ? THEN ? ELSE c.parent_id END
                FROM subtree s WHERE c.id = s.id""")) {
            update.setInt(1, level);
            update.setLong(2, categoryId);
            update.setLong(3, categoryId);
            update.setObject(4, parentId);
            update.executeUpdate();
        }
    }

    private static boolean isDescendant(Connection connection, long candidate, long ancestor) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                WITH RECURSIVE up (id, parent_id) AS (
                    SELECT id, parent_id FROM categories WHERE id = ?
                    UNION
                    SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id)
                SELECT 1 FROM up WHERE id = ?""")) {
            select.setLong(1, candidate);
            select.setLong(2, ancestor);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Every active category, as a forest of roots. */
    public List<CategoryNode> tree() {
        List<Row> rows = transactions.read(Categories::allActive);
        Map<Long, List<Row>> byParent = new HashMap<>();
        List<Row> roots = new ArrayList<>();
        Map<Long, Row> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        for (Row row : rows) {
            if (row.parentId() == null || !byId.containsKey(row.parentId())) {
                roots.add(row);
            } else {
                byParent.computeIfAbsent(row.parentId(), parent -> new ArrayList<>()).add(row);
            }
        }
        return nodes(roots, byParent);
    }

    private static List<CategoryNode> nodes(List<Row> rows, Map<Long, List<Row>> byParent) {
        return rows.stream()
                .sorted(Comparator.comparingInt(Row::sortOrder).thenComparing(Row::name).thenComparingLong(Row::id))
                .map(row -> new CategoryNode(row.id(), row.name(), row.parentId(), row.level(),
                        nodes(byParent.getOrDefault(row.id(), List.of()), byParent)))
                .toList();
    }

    public Optional<CategoryDetail> find(long categoryId) {
        return transactions.read(connection -> {
            List<CategoryRef> path = new ArrayList<>();
            Row self = null;
            try (PreparedStatement select = connection.prepareStatement("""
                    WITH RECURSIVE up AS (
                        SELECT id, name, description, parent_id, level, sort_order, 0 AS distance
                        FROM categories WHERE id = ?
                        UNION ALL
                        SELECT c.id, c.name, c.description, c.parent_id, c.level, c.sort_order, up.distance + 1
                        FROM categories c JOIN up ON c.id = up.parent_id WHERE up.distance < 100)
                    SELECT id, name, description, parent_id, level, sort_order FROM up ORDER BY distance DESC""")) {
                select.setLong(1, categoryId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Row row = row(rows);
                        path.add(new CategoryRef(row.id(), row.name(), row.level()));
                        self = row;
                    }
                }
            }
            if (self == null) {
                return Optional.empty();
            }
            List<CategoryRef> children = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, name, level FROM categories WHERE parent_id = ? AND is_active
                    ORDER BY sort_order, name, id""")) {
                select.setLong(1, categoryId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        children.add(new CategoryRef(rows.getLong(1), rows.getString(2), rows.getInt(3)));
                    }
                }
            }
            return Optional.of(new CategoryDetail(self.id(), self.name(), self.description(), self.parentId(),
                    self.level(), List.copyOf(path), List.copyOf(children)));
        });
    }

    private static List<Row> allActive(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, name, description, parent_id, level, sort_order FROM categories WHERE is_active")) {
            try (ResultSet rows = select.executeQuery()) {
                List<Row> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(row(rows));
                }
                return result;
            }
        }
    }

    private static Row row(ResultSet rows) throws SQLException {
        long parent = rows.getLong(4);
        Long parentId = rows.wasNull() ? null : parent;
        return new Row(rows.getLong(1), rows.getString(2), rows.getString(3), parentId, rows.getInt(5), rows.getInt(6));
    }

    private static boolean exists(Connection connection, long categoryId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM categories WHERE id = ?")) {
            select.setLong(1, categoryId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
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
