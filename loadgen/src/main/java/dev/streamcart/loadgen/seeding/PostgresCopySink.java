package dev.streamcart.loadgen.seeding;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Writes rows with {@code COPY ... FROM STDIN}, on the caller's connection and in its transaction. */
final class PostgresCopySink implements RowSink {

    private final Connection connection;
    private final CopyManager copy;

    PostgresCopySink(Connection connection) throws SQLException {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (Statement create = connection.createStatement()) {
            create.execute(StockUpdate.CREATE);
        }
    }

    @Override
    public void endOfBatch() throws SQLException {
        connection.commit();
    }

    @Override
    public void replaceStock(CopyText slots) throws SQLException {
        if (slots.isEmpty()) {
            return;
        }
        write(slots);
        try (Statement apply = connection.createStatement()) {
            apply.executeUpdate(StockUpdate.APPLY);
        }
    }

    @Override
    public void write(CopyText rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            copy.copyIn("COPY " + rows.table() + " (" + rows.columns() + ") FROM STDIN", new StringReader(rows.finished()));
        } catch (IOException e) {
            throw new UncheckedIOException("COPY into " + rows.table() + " failed", e);
        }
    }
}
