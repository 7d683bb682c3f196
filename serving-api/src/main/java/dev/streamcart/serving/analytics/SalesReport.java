package dev.streamcart.serving.analytics;

import java.util.List;

/** {@code GET /api/analytics/sales}: the window asked for and its rows, oldest minute first. */
public record SalesReport(int minutes, List<SalesRow> rows) {

    public SalesReport {
        rows = List.copyOf(rows);
    }
}
