package dev.streamcart.localstack.launcher.verify;

import java.util.Objects;

/**
 * One difference between a derived view and PostgreSQL.
 *
 * @param view the view that differs ({@code stock-levels}, {@code order-views})
 * @param id the product or order id
 * @param detail what differs, with both values
 */
public record Mismatch(String view, long id, String detail) {

    public Mismatch {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return view + " " + id + ": " + detail;
    }
}
