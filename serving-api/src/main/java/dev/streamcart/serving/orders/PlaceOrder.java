package dev.streamcart.serving.orders;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * A checkout request: who buys, how many units of which products (one line per product), where
 * it goes ({@link Delivery}, absent for a goods-only order), and, for a checkout from the cart, the
 * unit price the buyer saw for each product ({@code expectedPrices}; checkout refuses to charge
 * any other).
 */
public record PlaceOrder(long userId, List<Line> items, @Nullable Delivery delivery,
                         Map<Long, BigDecimal> expectedPrices, Map<Long, String> recommendationVariants) {

    public static final int MAX_QUANTITY = 1_000;

    public record Line(long productId, int quantity) {}

    /**
     * Where and how the order ships. With neither an address nor a region the order is priced
     * goods only (no tax, no shipping), as orders were before destinations existed.
     */
    public record Delivery(@Nullable Long shippingAddressId, @Nullable Long billingAddressId,
                           @Nullable String region, @Nullable String carrier) {

        public boolean known() {
            return shippingAddressId != null || region != null;
        }
    }

    /** An order with no line coming from a recommendation. */
    public PlaceOrder(long userId, List<Line> items, @Nullable Delivery delivery, Map<Long, BigDecimal> expectedPrices) {
        this(userId, items, delivery, expectedPrices, Map.of());
    }

    /** An order without destination or expected prices (the original {@code POST /api/orders}). */
    public PlaceOrder(long userId, List<Line> items) {
        this(userId, items, null, Map.of());
    }

    /** Lines naming the same product are merged, so each product is one order item. */
    public PlaceOrder {
        if (items.isEmpty()) {
            throw DomainException.invalidInput("'items' must not be empty");
        }
        Map<Long, Integer> merged = new LinkedHashMap<>();
        for (Line line : items) {
            merged.merge(line.productId(), line.quantity(), Integer::sum);
        }
        merged.forEach((productId, quantity) -> {
            if (quantity > MAX_QUANTITY) {
                throw DomainException.invalidInput("at most " + MAX_QUANTITY + " units of product " + productId
                        + " per order");
            }
        });
        items = merged.entrySet().stream().map(e -> new Line(e.getKey(), e.getValue())).toList();
        expectedPrices = new TreeMap<>(expectedPrices);
        recommendationVariants = Map.copyOf(recommendationVariants);
    }

    /** Units per product, in the order of the lines. */
    public Map<Long, Integer> quantities() {
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        items.forEach(line -> quantities.put(line.productId(), line.quantity()));
        return quantities;
    }
}
