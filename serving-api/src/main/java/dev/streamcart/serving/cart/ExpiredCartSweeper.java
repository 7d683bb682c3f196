package dev.streamcart.serving.cart;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.streamcart.serving.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired carts (and, by cascade, their items) in the background, so carts of users who
 * never come back do not stay forever. The owner's own requests already never see an expired cart
 * (lazy deletion in {@link CartRepository}); this only reclaims space. Batches keep each
 * transaction short.
 */
public final class ExpiredCartSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredCartSweeper.class);
    private static final int BATCH = 1_000;

    private final Transactions transactions;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "expired-cart-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    public ExpiredCartSweeper(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Deletes every cart whose expiry has passed; returns how many. */
    public int sweep() {
        int total = 0;
        int deleted;
        do {
            deleted = transactions.inTransaction(connection -> {
                try (PreparedStatement delete = connection.prepareStatement("""
                        DELETE FROM shopping_carts WHERE id IN (
                            SELECT id FROM shopping_carts WHERE expires_at <= now() LIMIT ? FOR UPDATE SKIP LOCKED)""")) {
                    delete.setInt(1, BATCH);
                    return delete.executeUpdate();
                }
            });
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    private void sweepQuietly() {
        try {
            int deleted = sweep();
            if (deleted > 0) {
                LOG.info("deleted {} expired carts", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("expired cart sweep failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
