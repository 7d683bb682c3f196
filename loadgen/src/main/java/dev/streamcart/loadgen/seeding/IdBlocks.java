package dev.streamcart.loadgen.seeding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The ids a seed may use, per table: a block after both the table's largest id and its sequence,
 * taken by moving the sequence past the block before anything is written. So a seed into a
 * platform that already has data collides with nothing, and the API's next insert after the seed
 * (or during it) draws an id beyond every seeded one.
 */
final class IdBlocks {

    private final Map<String, Long> firstIds;

    IdBlocks(Map<String, Long> firstIds) {
        this.firstIds = Map.copyOf(firstIds);
    }

    /**
     * Reserves {@code sizes.get(table)} ids in each table, in the caller's transaction, which must
     * commit right after. The tables are locked against inserts meanwhile (an insert takes its id
     * only once it holds its table lock), so no id can be drawn between reading a sequence and
     * moving it: the lock is held for milliseconds and only delays the API's inserts.
     */
    static IdBlocks reserve(Connection connection, Map<String, Long> sizes) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("LOCK TABLE " + String.join(", ", sizes.keySet()) + " IN SHARE ROW EXCLUSIVE MODE");
        }
        Map<String, Long> first = new LinkedHashMap<>();
        for (Map.Entry<String, Long> table : sizes.entrySet()) {
            first.put(table.getKey(), reserve(connection, table.getKey(), table.getValue()));
        }
        return new IdBlocks(first);
    }

    private static long reserve(Connection connection, String table, long count) throws SQLException {
        String sequence;
        try (PreparedStatement find = connection.prepareStatement("SELECT pg_get_serial_sequence(?, 'id')")) {
            find.setString(1, table);
            try (ResultSet row = find.executeQuery()) {
                row.next();
                sequence = Objects.requireNonNull(row.getString(1), table + " has no id sequence");
            }
        }
        // nextval takes one id atomically even while the API inserts; the block starts after it
        // and after the largest id (rows inserted with explicit ids do not move the sequence)
        long next;
        try (PreparedStatement take = connection.prepareStatement(
                "SELECT GREATEST(nextval(?), (SELECT COALESCE(max(id), 0) + 1 FROM " + table + "))")) {
            take.setString(1, sequence);
            try (ResultSet row = take.executeQuery()) {
                row.next();
                next = row.getLong(1);
            }
        }
        try (PreparedStatement advance = connection.prepareStatement("SELECT setval(?, ?, true)")) {
            advance.setString(1, sequence);
            advance.setLong(2, next + Math.max(count, 1));
            advance.executeQuery().close();
        }
        return next + 1;
    }

    long first(String table) {
        Long id = firstIds.get(table);
        if (id == null) {
            throw new IllegalArgumentException("no ids reserved for " + table);
        }
        return id;
    }
}
