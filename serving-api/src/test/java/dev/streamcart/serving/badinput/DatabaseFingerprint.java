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

/**
 * Row count and a hash of every row of every table of the schema, in one query: two equal
 * fingerprints mean no row was inserted, updated or deleted anywhere in between.
 */
final class DatabaseFingerprint {

    private final DataSource database;
    private final String query;

    DatabaseFingerprint(DataSource database) {
        this.database = database;
        this.query = buildQuery(tables(database));
    }

    /** Table name to "rows:hash". */
    Map<String, String> take() {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            Map<String, String> fingerprint = new LinkedHashMap<>();
            while (rows.next()) {
                fingerprint.put(rows.getString(1), rows.getLong(2) + ":" + rows.getString(3));
            }
            return fingerprint;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
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
