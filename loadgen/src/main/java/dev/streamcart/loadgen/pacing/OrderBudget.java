package dev.streamcart.loadgen.pacing;

/**
 * Enforces {@code --max-orders}: a checkout first reserves a place in the budget, and either
 * confirms it (the order was placed) or gives it back (stock short, error). Reserving first means
 * that concurrent virtual users never place more orders than allowed.
 */
public final class OrderBudget {

    private final long maxOrders;
    private long placed;
    private long reserved;

    private OrderBudget(long maxOrders) {
        this.maxOrders = maxOrders;
    }

    public static OrderBudget unlimited() {
        return new OrderBudget(Long.MAX_VALUE);
    }

    public static OrderBudget of(long maxOrders) {
        if (maxOrders <= 0) {
            throw new IllegalArgumentException("maxOrders must be positive, was " + maxOrders);
        }
        return new OrderBudget(maxOrders);
    }

    /** @return true when the caller may attempt one checkout */
    public synchronized boolean tryReserve() {
        if (placed + reserved >= maxOrders) {
            return false;
        }
        reserved++;
        return true;
    }

    /** The reserved checkout placed an order. */
    public synchronized void confirm() {
        if (reserved <= 0) {
            throw new IllegalStateException("confirm without a reservation");
        }
        reserved--;
        placed++;
    }

    /** The reserved checkout placed no order; its place goes back to the budget. */
    public synchronized void release() {
        if (reserved <= 0) {
            throw new IllegalStateException("release without a reservation");
        }
        reserved--;
    }

    /** @return true when every allowed order has been placed */
    public synchronized boolean isExhausted() {
        return placed >= maxOrders;
    }

    public synchronized long placed() {
        return placed;
    }
}
