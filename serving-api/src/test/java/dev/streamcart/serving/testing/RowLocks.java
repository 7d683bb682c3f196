package dev.streamcart.serving.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Asks PostgreSQL, from a connection of its own, whether another transaction holds a row's lock right now. */
public final class RowLocks {

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private RowLocks() {}

    /**
     * Runs {@code selectForUpdateNowait} (a {@code SELECT ... FOR UPDATE NOWAIT} with one parameter) for
     * {@code key} and lets the lock go at once.
     *
     * @return false when another transaction holds the row's lock
     * @throws AssertionError when the query finds no row, so that a probe of the wrong row cannot pass
     */
    public static boolean lockable(DataSource database, String selectForUpdateNowait, Object key) {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(selectForUpdateNowait)) {
                select.setObject(1, key);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new AssertionError("no row to probe for " + key + ": " + selectForUpdateNowait);
                    }
                    return true;
                }
            } catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot probe the locks: " + e.getMessage(), e);
        }
    }
}
