package dev.streamcart.serving.limits;

/**
 * What one buyer may hold unpaid. An unpaid order reserves its stock until it is paid, cancelled or
 * its payment times out, so without a bound one account could keep a product sold out.
 *
 * @param maxUnpaidOrders orders in PENDING_PAYMENT per buyer
 * @param maxUnpaidUnits units reserved by those orders together, the new order's included
 */
public record OrderLimits(int maxUnpaidOrders, int maxUnpaidUnits) {

    public static final String PREFIX = "api.limits.orders.";

    public OrderLimits {
        if (maxUnpaidOrders < 1 || maxUnpaidUnits < 1) {
            throw new IllegalArgumentException(PREFIX + "max-unpaid-* must be at least 1");
        }
    }

    /** 10 unpaid orders and 1,000 unpaid units per buyer. */
    public static OrderLimits defaults() {
        return new OrderLimits(10, 1_000);
    }
}
