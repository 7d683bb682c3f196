package dev.streamcart.serving.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import javax.sql.DataSource;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;

/**
 * Runs work in one READ COMMITTED transaction: commit when it returns, roll back when it throws,
 * so a refused request leaves nothing behind. Constraint violations that slip past the use cases'
 * own checks (a concurrent duplicate e-mail, say) become client errors rather than 500s, and a
 * database that cannot be reached (restarting, failing over, the pool out of connections) a
 * retriable 503: nothing was committed, and a retry with the same idempotency key is safe.
 */
public final class Transactions {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String CHECK_VIOLATION = "23514";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    /** SQLSTATE classes of a lost or refused connection (08) and of a server shutting down or starting (57P). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final String OPERATOR_INTERVENTION_CLASS = "57P";

    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                restoreAutoCommit(connection);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * The pool resets auto-commit itself; this only keeps a connection that broke mid-transaction
     * from hiding why with its own "connection is closed".
     */
    private static void restoreAutoCommit(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the pool evicts a broken connection; the transaction's own failure is what the caller sees
        }
    }

    /** Read-only work outside an explicit transaction. */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /**
     * What a failure of the database means for the client. Public for work that runs on a
     * transaction's connection behind an interface that cannot throw {@link SQLException}: wrapping
     * the failure any other way would turn a database that is restarting into a 500.
     */
    public static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case UNIQUE_VIOLATION -> new DomainException(ProblemKind.CONFLICT,
                    "a record with the same unique value already exists (" + firstLine(e) + ")");
            case FOREIGN_KEY_VIOLATION -> new DomainException(ProblemKind.UNPROCESSABLE,
                    "a referenced record does not exist (" + firstLine(e) + ")");
            case CHECK_VIOLATION -> new DomainException(ProblemKind.CONFLICT,
                    "the change would break a rule of the data (" + firstLine(e) + ")");
            case SERIALIZATION_FAILURE, DEADLOCK_DETECTED -> new DomainException(ProblemKind.UNAVAILABLE,
                    "the request collided with a concurrent one; retry it");
            default -> state.startsWith(CONNECTION_EXCEPTION_CLASS) || state.startsWith(OPERATOR_INTERVENTION_CLASS)
                    ? new DomainException(ProblemKind.UNAVAILABLE, "the database cannot be reached right now; retry")
                    : new IllegalStateException("database failure (SQLState " + state + ")", e);
        };
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
