package dev.streamcart.loadgen.seeding;

import java.sql.SQLException;

/** Where generated rows go: PostgreSQL's COPY in a seed, a list in the tests. */
interface RowSink {

    /** Appends rows to their table. */
    void write(CopyText rows) throws SQLException;

    /** Sets on hand and reserved of existing inventory rows ({@link StockUpdate#COLUMNS}). */
    void replaceStock(CopyText slots) throws SQLException;

    /** Ends a batch: PostgreSQL commits it, so every commit holds whole orders with their stock. */
    void endOfBatch() throws SQLException;
}
