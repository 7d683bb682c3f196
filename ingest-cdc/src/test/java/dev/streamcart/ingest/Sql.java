package dev.streamcart.ingest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** SQL as the ingest-cdc tests run it against their PostgreSQL. */
final class Sql {

    private Sql() {}

    /** Runs the statements in order in one session, so a {@code BEGIN} ... {@code COMMIT} among them spans the rest. */
    static void execute(DataSource db, String... statements) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The first column of the first row {@code query} returns. */
    static String single(DataSource db, String query) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }
}
