package dev.streamcart.loadgen.traffic;

/** Told about every order whose payment was accepted, so the warehouse side can take it from there. */
@FunctionalInterface
interface PaidOrders {

    PaidOrders NONE = orderId -> { };

    void paid(long orderId);
}
