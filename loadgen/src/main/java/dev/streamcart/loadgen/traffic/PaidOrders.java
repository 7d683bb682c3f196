package dev.streamcart.loadgen.traffic;

import java.util.List;

/** Told about every order whose payment was accepted, so the warehouse side can take it from there. */
@FunctionalInterface
interface PaidOrders {

    PaidOrders NONE = (orderId, buyerId, productIds) -> { };

    /**
     * @param buyerId    who bought it (and may review it once it is delivered)
     * @param productIds the products the order holds
     */
    void paid(long orderId, long buyerId, List<Long> productIds);
}
