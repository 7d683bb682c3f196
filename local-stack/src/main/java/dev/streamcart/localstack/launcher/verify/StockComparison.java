package dev.streamcart.localstack.launcher.verify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Compares the {@code stock-levels} read model with the {@code inventory} table, per warehouse and
 * in total. A product the read model lists without warehouses (all rows deleted) matches a product
 * with no row in PostgreSQL.
 *
 * <p>The second PostgreSQL snapshot is walked product by product in id order
 * ({@link #product}) and merged with the read model and the first snapshot, both sorted by id;
 * {@link #finish} then covers the products only the read model has. A product whose rows differ
 * between the two snapshots, or changed after {@code settledBefore}, is in flight: counted, not
 * compared.
 */
final class StockComparison extends ReadModelWalk implements PostgresReader.InventoryVisitor {

    static final String VIEW = "stock-levels";

    /**
     * How many products were seen (in the second snapshot or the read model), how many of them were
     * in flight, how many differ, and the first {@link MismatchList#RETAINED} of those in id order.
     */
    record Result(int productsChecked, int inFlight, int mismatchCount, List<Mismatch> mismatches) {

        Result {
            mismatches = List.copyOf(mismatches);
        }
    }

    private final StockTable before;
    private final StockLevelTable view;
    private final ProductRows beforeRows = new ProductRows();
    private final ProductRows viewRows = new ProductRows();
    private final ProductRows noRows = new ProductRows();

    /**
     * @param before the first snapshot's inventory
     * @param settledBefore products changed after this are in flight
     */
    StockComparison(StockTable before, StockLevelTable view, Instant settledBefore) {
        super("product", VIEW, settledBefore);
        this.before = Objects.requireNonNull(before, "before");
        this.view = Objects.requireNonNull(view, "view");
    }

    /** A product of the second snapshot; products must come in ascending id order. */
    @Override
    public void product(ProductRows after, Instant changedAt) {
        int viewIndex = step(after.productId());
        if (changedBetweenSnapshots(after) || changedAfterSettling(changedAt)) {
            countInFlight();
        } else {
            compare(after, viewIndex);
        }
    }

    /** Covers the read model's remaining products; call once after the last {@link #product}. */
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
        return view.productId(index);
    }

    /** A product without rows in the second snapshot: in flight if the first had rows (deleted since). */
    @Override
    void onlyInReadModel(int viewIndex) {
        long productId = view.productId(viewIndex);
        if (before.indexOf(productId) >= 0 || changedAfterSettling(Instant.EPOCH)) {
            countInFlight();
        } else {
            compare(noRows.reset(productId), viewIndex);
        }
    }

    private boolean changedBetweenSnapshots(ProductRows after) {
        int index = before.indexOf(after.productId());
        return index < 0 || !before.copyInto(index, beforeRows).sameRowsAs(after);
    }

    private void compare(ProductRows rows, int viewIndex) {
        long productId = rows.productId();
        if (viewIndex < 0) {
            if (rows.size() > 0) {
                mismatches().add(productId, () -> "missing from the read model; PostgreSQL has " + rows.describe());
            }
            return;
        }
        ProductRows derived = view.warehouses().copyInto(viewIndex, viewRows);
        int onHand = rows.totalOnHand();
        int reserved = rows.totalReserved();
        boolean totalsMatch = view.onHand(viewIndex) == onHand && view.reserved(viewIndex) == reserved
                && view.available(viewIndex) == onHand - reserved;
        if (!totalsMatch || !derived.sameRowsAs(rows)) {
            mismatches().add(productId, () -> "read model " + derived.describe() + " (total " + view.onHand(viewIndex) + "/"
                    + view.reserved(viewIndex) + ") but PostgreSQL " + rows.describe() + " (total " + onHand + "/" + reserved + ")");
        }
    }
}
