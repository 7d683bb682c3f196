package dev.streamcart.serving.notifications;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.streamcart.serving.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands committed notifications to the {@link NotificationSender}, polling the store. Delivering
 * from the table (not from the request) means a rolled-back change never notifies anyone, and a
 * notification whose delivery failed is retried on the next poll.
 */
public final class NotificationDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int BATCH = 100;

    private final Transactions transactions;
    private final NotificationSender sender;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "notification-dispatcher");
        thread.setDaemon(true);
        return thread;
    });

    public NotificationDispatcher(Transactions transactions, NotificationSender sender) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::dispatchQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Delivers every undelivered notification; returns how many were delivered. */
    public int dispatch() {
        return transactions.inTransaction(connection -> {
            List<Notification> pending = Notifications.undelivered(connection, BATCH);
            int delivered = 0;
            for (Notification notification : pending) {
                try {
                    sender.send(notification);
                } catch (Exception e) {
                    LOG.warn("could not deliver notification {}: {}", notification.id(), e.toString());
                    continue;
                }
                Notifications.markDelivered(connection, notification.id());
                delivered++;
            }
            return delivered;
        });
    }

    private void dispatchQuietly() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            LOG.warn("notification dispatch failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
