package dev.streamcart.serving.orders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.streamcart.serving.problems.DomainException;

/** A checkout request: who buys, and how many units of which products (one line per product). */
public record PlaceOrder(long userId, List<Line> items) {

    public static final int MAX_LINES = 100;
    public static final int MAX_QUANTITY = 1_000;

    public record Line(long productId, int quantity) {}

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
    }

    /** Units per product, in the order of the lines. */
    public Map<Long, Integer> quantities() {
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        items.forEach(line -> quantities.put(line.productId(), line.quantity()));
        return quantities;
    }
}
