package dev.streamcart.analytics.kpi;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.streamcart.analytics.clickhouse.ClickHouseInsertMetrics;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Buffers rows and inserts them with one RowBinary batch per table per flush. Within a batch only
 * the newest version of each row identity is kept, so bursts of re-firings cost one row, and
 * ClickHouse gets few large inserts (each insert is a part to merge; 18.16 throttles at 150).
 * Flush timers run on the task's mailbox thread, like {@link #write}, so the buffer needs no lock.
 * Before every checkpoint the hourly roll-ups of the hours written since are recomputed
 * ({@link HourlyRollupRefresh}).
 */
final class KpiRowWriter implements SinkWriter<KpiRow> {

    private static final int MAX_BUFFERED_ROWS = 50_000;

    private final ClickHouseClient gateway;
    private final HourlyRollupRefresh rollups;
    private final ProcessingTimeService time;
    private final long flushIntervalMillis;
    private final Map<KpiTable, Map<String, KpiRow>> buffered = new EnumMap<>(KpiTable.class);
    private int bufferedRows;
    private final ClickHouseInsertMetrics metrics;

    KpiRowWriter(ClickHouseClient gateway, ProcessingTimeService time, Duration flushInterval,
                 ClickHouseInsertMetrics metrics) {
        this.metrics = metrics;
        this.gateway = gateway;
        this.rollups = new HourlyRollupRefresh(gateway);
        this.time = time;
        this.flushIntervalMillis = flushInterval.toMillis();
        scheduleFlush();
    }

    @Override
    public void write(KpiRow row, Context context) throws IOException {
        Map<String, KpiRow> rows = buffered.computeIfAbsent(row.table(), table -> new LinkedHashMap<>());
        String identity = row.identity();
        KpiRow previous = rows.get(identity);
        if (previous == null) {
            bufferedRows++;
        }
        if (previous == null || row.version() >= previous.version()) {
            rows.put(identity, row);
        }
        if (bufferedRows >= MAX_BUFFERED_ROWS) {
            writeBuffered();
        }
    }

    /** Called before every checkpoint and at the end of input. */
    @Override
    public void flush(boolean endOfInput) throws IOException {
        writeBuffered();
        rollups.refresh();
    }

    private void scheduleFlush() {
        time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMillis, timestamp -> {
            writeBuffered();
            scheduleFlush();
        });
    }

    private void writeBuffered() throws IOException {
        for (Map.Entry<KpiTable, Map<String, KpiRow>> entry : buffered.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                KpiTable table = entry.getKey();
                gateway.insertRowBinary(table.tableName(), table.insertColumns(),
                        KpiRowEncoding.rowBinary(table, entry.getValue().values()));
                metrics.inserted(table.tableName(), entry.getValue().size());
                entry.getValue().values().forEach(row -> rollups.written(table, row.numbers()[0]));
                entry.getValue().clear();
            }
        }
        bufferedRows = 0;
    }

    @Override
    public void close() {
        // rows still buffered are not lost: they were emitted after the last checkpoint and are re-emitted on restore
        gateway.close();
    }
}
