package dev.streamcart.localstack.launcher.verify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Compares each order's status in the {@code order-views} read model with {@code orders.status}.
 *
 * <p>The second PostgreSQL snapshot is walked in id order ({@link #order}) and merged with the read
 * model and the first snapshot, both sorted by id; {@link #finish} then covers the orders only the
 * read model has. An order whose status differs between the two snapshots, or changed after
 * {@code settledBefore}, is in flight: counted, not compared.
 */
final class OrderComparison extends ReadModelWalk implements PostgresReader.OrderVisitor {

    static final String VIEW = "order-views";

    /**
     * How many orders were seen (in the second snapshot or the read model), how many of them were in
     * flight, how many differ, and the first {@link MismatchList#RETAINED} of those in id order.
     */
    record Result(int ordersChecked, int inFlight, int mismatchCount, List<Mismatch> mismatches) {

        Result {
            mismatches = List.copyOf(mismatches);
        }
    }

    private final OrderStatusTable before;
    private final OrderStatusTable view;
    private final StatusCodes codes;

    /**
     * @param before the first snapshot's statuses
     * @param settledBefore orders changed after this are in flight
     * @param codes what the status codes of all three stand for
     */
    OrderComparison(OrderStatusTable before, OrderStatusTable view, Instant settledBefore, StatusCodes codes) {
        super("order", VIEW, settledBefore);
        this.before = Objects.requireNonNull(before, "before");
        this.view = Objects.requireNonNull(view, "view");
        this.codes = Objects.requireNonNull(codes, "codes");
    }

    /** An order of the second snapshot; orders must come in ascending id order. */
    @Override
    public void order(long orderId, byte status, Instant changedAt) {
        int viewIndex = step(orderId);
        byte derived = viewIndex >= 0 ? view.status(viewIndex) : OrderStatusTable.ABSENT;
        if (before.statusOf(orderId) != status || changedAfterSettling(changedAt)) {
            countInFlight();
        } else {
            compare(orderId, status, derived);
        }
    }

    /** Covers the read model's remaining orders; call once after the last {@link #order}. */
    Result finish() {
        walkRest();
        return new Result(checked(), inFlight(), mismatches().count(), mismatches().retained());
    }

    @Override
    int viewSize() {
        return view.size();
    }

    @Override
    long viewId(int index) {
        return view.id(index);
    }

    /** An order absent from the second snapshot: in flight if the first had it (deleted since). */
    @Override
    void onlyInReadModel(int viewIndex) {
        long orderId = view.id(viewIndex);
        if (before.statusOf(orderId) != OrderStatusTable.ABSENT || changedAfterSettling(Instant.EPOCH)) {
            countInFlight();
        } else {
            compare(orderId, OrderStatusTable.ABSENT, view.status(viewIndex));
        }
    }

    private void compare(long orderId, byte expected, byte actual) {
        if (expected == actual) {
            return;
        }
        if (expected == OrderStatusTable.ABSENT) {
            mismatches().add(orderId, () -> "status " + codes.name(actual) + " in the read model, but no such order in PostgreSQL");
        } else if (actual == OrderStatusTable.ABSENT) {
            mismatches().add(orderId, () -> "missing from the read model; PostgreSQL says " + codes.name(expected));
        } else {
            mismatches().add(orderId, () -> "read model says " + codes.name(actual) + " but PostgreSQL " + codes.name(expected));
        }
    }
}
