package dev.streamcart.analytics.sales;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.streamcart.analytics.clickhouse.ClickHouseInsertMetrics;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Buffers rows and inserts them in one RowBinary batch per flush. Within a batch only the newest
 * version of each (minute, category) is kept, so bursts of re-firings cost one row, and ClickHouse
 * gets few large inserts (each insert is a part to merge). Flush timers run on the task's mailbox
 * thread, like {@link #write}, so the buffer needs no locking.
 */
final class SalesRowWriter implements SinkWriter<SalesRow> {

    static final String TABLE = "sales_per_minute";
    static final List<String> COLUMNS = List.of("minute", "category_id", "orders", "units", "revenue_cents", "version");
    private static final int MAX_BUFFERED_ROWS = 10_000;

    private record MinuteAndCategory(long minuteEpochSecond, long categoryId) {}

    private final ClickHouseClient gateway;
    private final ProcessingTimeService time;
    private final long flushIntervalMillis;
    private final Map<MinuteAndCategory, SalesRow> buffered = new LinkedHashMap<>();
    private final ClickHouseInsertMetrics metrics;

    SalesRowWriter(ClickHouseClient gateway, ProcessingTimeService time, Duration flushInterval,
                   ClickHouseInsertMetrics metrics) {
        this.metrics = metrics;
        this.gateway = gateway;
        this.time = time;
        this.flushIntervalMillis = flushInterval.toMillis();
        scheduleFlush();
    }

    @Override
    public void write(SalesRow row, Context context) throws IOException {
        buffered.merge(new MinuteAndCategory(row.minuteEpochSecond(), row.categoryId()), row,
                (older, newer) -> newer.version() >= older.version() ? newer : older);
        if (buffered.size() >= MAX_BUFFERED_ROWS) {
            writeBuffered();
        }
    }

    /** Called before every checkpoint and at the end of input. */
    @Override
    public void flush(boolean endOfInput) throws IOException {
        writeBuffered();
    }

    private void scheduleFlush() {
        time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMillis, timestamp -> {
            writeBuffered();
            scheduleFlush();
        });
    }

    private void writeBuffered() throws IOException {
        if (buffered.isEmpty()) {
            return;
        }
        gateway.insertRowBinary(TABLE, COLUMNS, SalesRowEncoding.rowBinary(buffered.values()));
        metrics.inserted(TABLE, buffered.size());
        buffered.clear();
    }

    @Override
    public void close() {
        // rows still buffered are not lost: they were emitted after the last checkpoint and are re-emitted on restore
        gateway.close();
    }
}
