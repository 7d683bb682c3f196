package dev.streamcart.localstack.launcher.verify;

import java.time.Instant;
import java.util.Objects;

/**
 * The walk both comparisons make: the second PostgreSQL snapshot arrives in ascending id order and is
 * merged with the read model, sorted by id; {@link #walkRest} then covers the entries only the read
 * model has. It counts what it saw and what was in flight (changed between the snapshots or after
 * {@code settledBefore}); the comparison itself is the subclass's.
 */
abstract class ReadModelWalk {

    private final String entity;
    private final Instant settledBefore;
    private final MismatchList mismatches;
    private int nextView;
    private long lastId = Long.MIN_VALUE;
    private int checked;
    private int inFlight;

    /**
     * @param entity what an id names, for the error on ids out of order (e.g. {@code order})
     * @param view the read model's name in the mismatches
     */
    ReadModelWalk(String entity, String view, Instant settledBefore) {
        this.entity = Objects.requireNonNull(entity, "entity");
        this.settledBefore = Objects.requireNonNull(settledBefore, "settledBefore");
        this.mismatches = new MismatchList(view);
    }

    /** Entries in the read model. */
    abstract int viewSize();

    /** The id of the read model's entry at {@code index}. */
    abstract long viewId(int index);

    /** An entry of the read model the second snapshot lacks. */
    abstract void onlyInReadModel(int viewIndex);

    /**
     * Moves to {@code id} of the second snapshot, covering the read model's entries before it: its
     * index in the read model, or -1 when the read model lacks it.
     */
    final int step(long id) {
        if (id <= lastId) {
            throw new IllegalStateException(entity + " " + id + " after " + lastId + ": ids must ascend");
        }
        lastId = id;
        while (nextView < viewSize() && viewId(nextView) < id) {
            visitOnlyInReadModel(nextView++);
        }
        checked++;
        return nextView < viewSize() && viewId(nextView) == id ? nextView++ : -1;
    }

    /** Covers the read model's remaining entries; call once after the last {@link #step}. */
    final void walkRest() {
        while (nextView < viewSize()) {
            visitOnlyInReadModel(nextView++);
        }
    }

    private void visitOnlyInReadModel(int viewIndex) {
        checked++;
        onlyInReadModel(viewIndex);
    }

    /** Whether a change at {@code changedAt} is too recent to compare. */
    final boolean changedAfterSettling(Instant changedAt) {
        return changedAt.isAfter(settledBefore);
    }

    final void countInFlight() {
        inFlight++;
    }

    final MismatchList mismatches() {
        return mismatches;
    }

    /** Entries seen, in the second snapshot or the read model. */
    final int checked() {
        return checked;
    }

    final int inFlight() {
        return inFlight;
    }
}
