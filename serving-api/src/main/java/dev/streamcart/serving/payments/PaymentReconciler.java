package dev.streamcart.serving.payments;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link OrderPayments#reconcile} in the background, so that a capture whose answers were all
 * lost and that no retry came back to is finished (instead of its order awaiting payment forever,
 * neither paid nor expirable), and an authorisation a cancel could not void is voided (instead of the
 * buyer's funds staying held until they lapse at the provider).
 */
public final class PaymentReconciler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentReconciler.class);

    private final OrderPayments payments;
    private final Duration stalledFor;
    private final ScheduledExecutorService scheduler;

    /**
     * @param stalledFor how long a capture or a left-over authorisation is left to the request that
     *                   made it before the reconciler takes over; well above a request's longest
     *                   gateway retries
     */
    public PaymentReconciler(OrderPayments payments, Duration stalledFor) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.stalledFor = Objects.requireNonNull(stalledFor, "stalledFor");
        if (stalledFor.isNegative()) {
            throw new IllegalArgumentException("stalledFor must not be negative, was " + stalledFor);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "payment-reconciler");
            thread.setDaemon(true);
            return thread;
        });
    }

    public PaymentReconciler start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::reconcileQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass over what was left unfinished for longer than {@code olderThan}; returns how many payments it settled. */
    public int reconcile(Duration olderThan) {
        return payments.reconcile(olderThan);
    }

    private void reconcileQuietly() {
        try {
            int settled = payments.reconcile(stalledFor);
            if (settled > 0) {
                LOG.info("settled {} payment(s) left unfinished for more than {}", settled, stalledFor);
            }
        } catch (RuntimeException e) {
            LOG.warn("payment reconciliation failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
