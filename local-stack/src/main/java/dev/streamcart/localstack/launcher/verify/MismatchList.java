package dev.streamcart.localstack.launcher.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The mismatches of one view: all are counted, the first {@link #RETAINED} (in id order) are kept.
 * A view that has not caught up at all differs in millions of entries; their text would not fit in
 * the launcher's heap, and the report lists only the first ones anyway.
 */
final class MismatchList {

    static final int RETAINED = 1_000;

    private final String view;
    private final List<Mismatch> retained = new ArrayList<>();
    private int count;

    MismatchList(String view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    /** @param detail built only when the mismatch is kept */
    void add(long id, Supplier<String> detail) {
        count++;
        if (retained.size() < RETAINED) {
            retained.add(new Mismatch(view, id, detail.get()));
        }
    }

    int count() {
        return count;
    }

    List<Mismatch> retained() {
        return List.copyOf(retained);
    }
}
