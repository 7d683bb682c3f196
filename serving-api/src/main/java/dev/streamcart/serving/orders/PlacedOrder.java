package dev.streamcart.serving.orders;

import java.util.Objects;

import dev.streamcart.serving.pricing.PriceQuote;

/** An order as checkout wrote it, with the pricing it was charged at (per seller and overall). */
public record PlacedOrder(Order order, PriceQuote pricing, Destination destination) {

    public PlacedOrder {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(pricing, "pricing");
        Objects.requireNonNull(destination, "destination");
    }
}
