package dev.streamcart.analytics.clickhouse;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes rows to ClickHouse through a buffering writer per subtask. At-least-once: the writer
 * buffers rows, writes them at least every flush interval and always before a checkpoint
 * completes, so a restart from that checkpoint re-emits only rows that may already be there;
 * ReplacingMergeTree on each table's key with the row's version makes the repeat harmless.
 */
public final class ClickHouseSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    /** Makes a subtask's writer: its client, the task's timers, the flush interval and its insert metrics. */
    @FunctionalInterface
    public interface Writers<T> extends Serializable {
        SinkWriter<T> create(ClickHouseClient client, ProcessingTimeService time, Duration flushInterval,
                ClickHouseInsertMetrics metrics);
    }

    private final ClickHouseSettings endpoint;
    private final Duration flushInterval;
    private final Writers<T> writers;

    public ClickHouseSink(ClickHouseSettings endpoint, Duration flushInterval, Writers<T> writers) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
        this.writers = Objects.requireNonNull(writers, "writers");
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return writers.create(ClickHouseClient.open(endpoint), context.getProcessingTimeService(), flushInterval,
                new ClickHouseInsertMetrics(context.metricGroup()));
    }
}
