package dev.streamcart.serving.badinput;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * Row count and a hash of every row of every table of the schema, in one query: two equal
 * fingerprints mean no row was inserted, updated or deleted anywhere in between.
 *
 * <p>{@link #mark} and {@link #changedSince} compare PostgreSQL's write-ahead log position first:
 * any change of a row moves it (so do other writes, a rolled-back insert or a sequence, which only
 * cost a full fingerprint), so most refused requests are checked without reading every table.
 */
final class DatabaseFingerprint implements AutoCloseable {

    /**
     * Every table's fingerprint, and the write-ahead log position read just after it was taken: a
     * later write moves the log past it, and reading every table may itself log (page pruning), which
     * this position already includes.
     */
    record Mark(String walPosition, Map<String, String> tables) {}

    private final DataSource database;
    private final String query;
    private @Nullable Mark last;
    /** One session for every look: opening one per request cost more than the looks themselves. */
    private @Nullable Connection session;

    DatabaseFingerprint(DataSource database) {
        this.database = database;
        this.query = buildQuery(tables(database));
    }

    /** The fingerprint as of now; the last one again when PostgreSQL has logged nothing since. */
    Mark mark() {
        if (last == null || !last.walPosition().equals(walPosition())) {
            Map<String, String> tables = take();
            last = new Mark(walPosition(), tables);
        }
        return last;
    }

    /** The tables whose rows differ from {@code before}; none, without reading them, when PostgreSQL logged nothing since. */
    List<String> changedSince(Mark before) {
        Mark now = mark();
        if (now == before) {
            return List.of();
        }
        return now.tables().keySet().stream()
                .filter(table -> !now.tables().get(table).equals(before.tables().get(table)))
                .toList();
    }

    private String walPosition() {
        try (Statement statement = session().createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Table name to "rows:hash". */
    Map<String, String> take() {
        try (Statement statement = session().createStatement(); ResultSet rows = statement.executeQuery(query)) {
            Map<String, String> fingerprint = new LinkedHashMap<>();
            while (rows.next()) {
                fingerprint.put(rows.getString(1), rows.getLong(2) + ":" + rows.getString(3));
            }
            return fingerprint;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    /** In auto-commit, so that every statement sees what was committed before it. */
    private Connection session() throws SQLException {
        if (session == null || session.isClosed()) {
            session = database.getConnection();
        }
        return session;
    }

    @Override
    public void close() throws SQLException {
        if (session != null) {
            session.close();
        }
    }

    private static List<String> tables(DataSource database) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            List<String> tables = new ArrayList<>();
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            if (tables.size() < 10) {
                throw new IllegalStateException("expected the whole schema, found " + tables);
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String buildQuery(List<String> tables) {
        return tables.stream()
                .map(table -> "SELECT '" + table + "' AS name, count(*) AS rows, coalesce(md5(string_agg(md5(t::text), '' "
                        + "ORDER BY md5(t::text))), '-') AS hash FROM public.\"" + table + "\" t")
                .collect(Collectors.joining(" UNION ALL "));
    }
}
