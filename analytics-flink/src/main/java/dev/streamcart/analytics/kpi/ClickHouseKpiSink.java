package dev.streamcart.analytics.kpi;

import java.time.Duration;
import java.util.Objects;

import dev.streamcart.analytics.clickhouse.ClickHouseInsertMetrics;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes {@link KpiRow}s to their tables. At-least-once: rows are buffered, written at least every
 * flush interval and always before a checkpoint completes, so a restart from that checkpoint
 * re-emits only rows that may already be there; ReplacingMergeTree on each table's key with the
 * row's version makes the repeat harmless.
 */
public final class ClickHouseKpiSink implements Sink<KpiRow> {

    private static final long serialVersionUID = 1L;

    private final ClickHouseSettings endpoint;
    private final Duration flushInterval;

    public ClickHouseKpiSink(ClickHouseSettings endpoint, Duration flushInterval) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
    }

    @Override
    public SinkWriter<KpiRow> createWriter(WriterInitContext context) {
        return new KpiRowWriter(ClickHouseClient.open(endpoint), context.getProcessingTimeService(), flushInterval,
                new ClickHouseInsertMetrics(context.metricGroup()));
    }
}
