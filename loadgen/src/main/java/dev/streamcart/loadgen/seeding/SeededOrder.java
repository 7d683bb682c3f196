package dev.streamcart.loadgen.seeding;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One seeded order and everything that happened to it up to the end of the history, in time order.
 *
 * @param steps          from PLACED on; the last status step is the order's status now
 * @param declineReason  the gateway's code of a PAYMENT_FAILED, else null
 * @param reviewedLine   index in {@code lines} of the product its buyer reviewed, or -1
 */
record SeededOrder(long orderId, int user, String region, List<Line> lines, long subtotalCents, long taxCents,
                   long shippingCents, List<Timed> steps, @Nullable String declineReason, int reviewedLine,
                   int reviewStars) {

    /** One order line, reserved in one stock slot (one warehouse). */
    record Line(int product, int slot, int quantity, long unitPriceCents, long taxCents) {}

    record Timed(Step step, Instant at) {

        Timed {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(at, "at");
        }
    }

    /** What can happen to an order; IN_TRANSIT and REVIEWED change no order status. */
    enum Step {
        PLACED, CANCELLED, PAID, PAYMENT_FAILED, FULFILLING, SHIPPED, IN_TRANSIT, DELIVERED, REVIEWED,
        REFUNDED_BEFORE_SHIPMENT, REFUNDED_RETURNED, GOODWILL_REFUND
    }

    /** Goodwill refunds are one unit of currency, like the simulator's. */
    static final long GOODWILL_CENTS = 100;

    SeededOrder {
        lines = List.copyOf(lines);
        steps = List.copyOf(steps);
    }

    long totalCents() {
        return subtotalCents + taxCents + shippingCents;
    }

    boolean reached(Step step) {
        return steps.stream().anyMatch(timed -> timed.step() == step);
    }

    @Nullable Instant at(Step step) {
        return steps.stream().filter(timed -> timed.step() == step).map(Timed::at).findFirst().orElse(null);
    }

    Instant lastChange() {
        return steps.get(steps.size() - 1).at();
    }
}
