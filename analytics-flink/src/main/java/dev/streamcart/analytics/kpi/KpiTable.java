package dev.streamcart.analytics.kpi;

import java.util.ArrayList;
import java.util.List;

/**
 * The KPI tables of {@code V2__kpis.sql} this job writes, with their columns in table order
 * (the {@code version} column, always last, is left out). A {@link KpiRow} holds the numeric
 * columns' values in {@code numbers} and the string columns' values in {@code strings}, each in
 * column order; the key columns are the table's {@code ORDER BY}, which ReplacingMergeTree
 * deduplicates on.
 */
public enum KpiTable {

    PRODUCT_SALES("product_sales_per_minute",
            key("minute", Kind.DATETIME), key("product_id", Kind.UINT64), key("seller_id", Kind.UINT64),
            key("category_id", Kind.UINT64), key("region", Kind.STRING), key("currency", Kind.STRING),
            value("orders", Kind.UINT64), value("units", Kind.UINT64), value("revenue_cents", Kind.INT64),
            value("refunded_units", Kind.UINT64), value("refunded_cents", Kind.INT64)),
    ORDER_TOTALS("order_totals_per_minute",
            key("minute", Kind.DATETIME), key("currency", Kind.STRING),
            value("paid_orders", Kind.UINT64), value("gross_cents", Kind.INT64), value("refunds", Kind.UINT64),
            value("refunded_cents", Kind.INT64)),
    USER_ACTIVITY("user_activity",
            key("minute", Kind.DATETIME), key("activity", Kind.STRING), key("user_id", Kind.UINT64)),
    FUNNEL("funnel_per_minute",
            key("minute", Kind.DATETIME), key("category_id", Kind.UINT64), key("stage", Kind.STRING),
            value("events", Kind.UINT64)),
    PAYMENTS("payments_per_minute",
            key("minute", Kind.DATETIME), key("method", Kind.STRING), key("outcome", Kind.STRING),
            key("reason", Kind.STRING), key("currency", Kind.STRING),
            value("attempts", Kind.UINT64), value("amount_cents", Kind.INT64)),
    ORDER_FULFILMENT("order_fulfilment",
            key("order_id", Kind.UINT64), value("paid_at", Kind.DATETIME), value("shipped_at", Kind.DATETIME),
            value("delivered_at", Kind.DATETIME)),
    PIPELINE_LAG("pipeline_lag_per_minute",
            key("minute", Kind.DATETIME), key("stage", Kind.STRING),
            value("events", Kind.UINT64), value("p50_ms", Kind.UINT64), value("p99_ms", Kind.UINT64),
            value("max_ms", Kind.UINT64)),
    RECOMMENDATION_VARIANTS("recommendation_variants_per_minute",
            key("minute", Kind.DATETIME), key("variant", Kind.STRING), key("currency", Kind.STRING),
            value("impressions", Kind.UINT64), value("clicks", Kind.UINT64), value("cart_adds", Kind.UINT64),
            value("purchases", Kind.UINT64), value("purchased_units", Kind.UINT64), value("revenue_cents", Kind.INT64));

    /** ClickHouse types as RowBinary writes them. */
    public enum Kind {
        /** UInt32 seconds since the epoch. */
        DATETIME,
        UINT64,
        INT64,
        /** varint length, then UTF-8 bytes. */
        STRING
    }

    public record Column(String name, Kind kind, boolean key) {}

    private final String tableName;
    private final List<Column> columns;

    KpiTable(String tableName, Column... columns) {
        this.tableName = tableName;
        this.columns = List.of(columns);
    }

    public String tableName() {
        return tableName;
    }

    /** Every column but {@code version}, in table order. */
    public List<Column> columns() {
        return columns;
    }

    /** Column names for the INSERT, {@code version} last. */
    public List<String> insertColumns() {
        List<String> names = new ArrayList<>();
        columns.forEach(column -> names.add(column.name()));
        names.add("version");
        return names;
    }

    public long numericColumns() {
        return columns.stream().filter(column -> column.kind() != Kind.STRING).count();
    }

    public long stringColumns() {
        return columns.stream().filter(column -> column.kind() == Kind.STRING).count();
    }

    private static Column key(String name, Kind kind) {
        return new Column(name, kind, true);
    }

    private static Column value(String name, Kind kind) {
        return new Column(name, kind, false);
    }
}
