package dev.streamcart.analytics.clickhouse;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/**
 * A sink writer's ClickHouse inserts, as Flink metrics of its operator, per table (label
 * {@code table}): {@code inserts} and {@code rowsInserted} (counts since the task started) and
 * {@code rowsInsertedPerSecond} (over the last minute). Served on {@code /metrics} as
 * {@code flink_taskmanager_job_task_operator_clickhouse_table_rowsInserted} and so on. Used on the
 * task's mailbox thread only, like the writer.
 */
public final class ClickHouseInsertMetrics {

    private static final int RATE_WINDOW_SECONDS = 60;

    private record TableMetrics(Counter inserts, Counter rows) {}

    private final MetricGroup clickhouse;
    private final Map<String, TableMetrics> byTable = new HashMap<>();

    public ClickHouseInsertMetrics(MetricGroup operator) {
        this.clickhouse = Objects.requireNonNull(operator, "operator").addGroup("clickhouse");
    }

    /** One insert of {@code rows} rows into {@code table} succeeded. */
    public void inserted(String table, long rows) {
        TableMetrics metrics = byTable.computeIfAbsent(table, name -> {
            MetricGroup group = clickhouse.addGroup("table", name);
            Counter rowCount = group.counter("rowsInserted");
            group.meter("rowsInsertedPerSecond", new MeterView(rowCount, RATE_WINDOW_SECONDS));
            return new TableMetrics(group.counter("inserts"), rowCount);
        });
        metrics.inserts().inc();
        metrics.rows().inc(rows);
    }
}
