package dev.streamcart.analytics.sales;

import java.time.Duration;
import java.util.Objects;

import dev.streamcart.analytics.clickhouse.ClickHouseInsertMetrics;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes {@link SalesRow}s to {@code sales_per_minute}. At-least-once: rows are buffered, written
 * at least every flush interval and always before a checkpoint completes, so a restart from that
 * checkpoint re-emits only rows that may already be there; ReplacingMergeTree on
 * (minute, category_id) with the row's version makes the repeat harmless.
 */
public final class ClickHouseSalesSink implements Sink<SalesRow> {

    private static final long serialVersionUID = 1L;

    private final ClickHouseSettings endpoint;
    private final Duration flushInterval;

    public ClickHouseSalesSink(ClickHouseSettings endpoint, Duration flushInterval) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
    }

    @Override
    public SinkWriter<SalesRow> createWriter(WriterInitContext context) {
        return new SalesRowWriter(ClickHouseClient.open(endpoint), context.getProcessingTimeService(), flushInterval,
                new ClickHouseInsertMetrics(context.metricGroup()));
    }
}
