package dev.streamcart.loadgen.behaviour;

import java.util.List;
import java.util.Objects;

import dev.streamcart.apiclient.Requests.OrderLine;

/**
 * The order a session places and how it ends.
 *
 * @param replayCheckout send the checkout twice with the same Idempotency-Key (a client retry)
 * @param replayPayment  send the payment twice with the same Idempotency-Key
 * @param viaCart        add the items to the cart and check the cart out, instead of POST /api/orders
 * @param saveForLater   (cart only) save one line for later and move it back before checking out
 */
public record CheckoutPlan(List<OrderLine> items, OrderEnding ending, boolean replayCheckout, boolean replayPayment,
        boolean viaCart, boolean saveForLater) {

    public CheckoutPlan {
        items = List.copyOf(items);
        if (items.isEmpty() || items.size() > 3) {
            throw new IllegalArgumentException("an order has 1 to 3 items, was " + items.size());
        }
        Objects.requireNonNull(ending, "ending");
    }

    /** A direct checkout (POST /api/orders). */
    public CheckoutPlan(List<OrderLine> items, OrderEnding ending, boolean replayCheckout, boolean replayPayment) {
        this(items, ending, replayCheckout, replayPayment, false, false);
    }
}
