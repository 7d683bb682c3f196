package dev.streamcart.inventory.velocity;

/**
 * Net units sold by one change of an inventory row, from its before and after numbers.
 *
 * <p>An order reserves units (reserved goes up); shipping takes them out of the warehouse (on hand
 * and reserved go down together, already counted when reserved); a cancellation, a failed payment
 * or an expiry releases them (reserved goes down, on hand does not). So a sale counts when it is
 * reserved, the earliest signal of demand, and a release takes it back.
 */
public final class UnitsSold {

    private UnitsSold() {}

    public static int between(int onHandBefore, int reservedBefore, int onHandAfter, int reservedAfter) {
        int reservedDelta = reservedAfter - reservedBefore;
        if (reservedDelta >= 0) {
            return reservedDelta;
        }
        int shipped = Math.min(-reservedDelta, Math.max(0, onHandBefore - onHandAfter));
        int released = -reservedDelta - shipped;
        return -released;
    }
}
