package dev.streamcart.serving.db;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the rows of one table whose time column is older than its retention, in the background and
 * in small batches (short transactions; rows another instance is deleting are skipped, not waited
 * for), so that tables which only gain rows (the outbox, the idempotency keys, abandoned carts) stay
 * bounded by their retention, not by the shop's history.
 */
public final class RetentionSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final int BATCH = 5_000;

    private final Transactions transactions;
    private final String table;
    private final String timestampColumn;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    /**
     * @param table           a table of the schema (a constant of the code, never input)
     * @param timestampColumn the time a row's retention counts from (its creation, or its expiry with a
     *                        zero retention), indexed
     */
    public RetentionSweeper(Transactions transactions, String table, String timestampColumn, Duration retention,
                            Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.table = Objects.requireNonNull(table, "table");
        this.timestampColumn = Objects.requireNonNull(timestampColumn, "timestampColumn");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("the retention of " + table + " must not be negative, was " + retention);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, table + "-retention");
            thread.setDaemon(true);
            return thread;
        });
    }

    public RetentionSweeper start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** Deletes every row older than the retention; returns how many. */
    public long sweep() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(retention));
        String sql = "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table
                + " WHERE " + timestampColumn + " < ? LIMIT ? FOR UPDATE SKIP LOCKED))";
        long total = 0;
        int deleted;
        do {
            deleted = transactions.inTransaction(connection -> {
                try (PreparedStatement delete = connection.prepareStatement(sql)) {
                    delete.setTimestamp(1, cutoff);
                    delete.setInt(2, BATCH);
                    return delete.executeUpdate();
                }
            });
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    private void sweepQuietly() {
        try {
            long deleted = sweep();
            if (deleted > 0) {
                LOG.info("deleted {} rows of {} older than {}", deleted, table, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("retention sweep of {} failed: {}", table, e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
