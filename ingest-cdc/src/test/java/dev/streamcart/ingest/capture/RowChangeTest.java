package dev.streamcart.ingest.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RowChangeTest {

    private static final Struct BEFORE = ChangeRecords.row("inventory", ChangeRecords.columns("id", 1L, "quantity", 5));
    private static final Struct AFTER = ChangeRecords.row("inventory", ChangeRecords.columns("id", 1L, "quantity", 7));

    @Test
    void updateCarriesTheRowAfterTheChangeWithItsLsnAndCommitTime() {
        RowChange change = RowChange.from(ChangeRecords.envelope("inventory", "u", BEFORE, AFTER, 4242L, 1_000)).orElseThrow();

        assertThat(change.table()).isEqualTo("inventory");
        assertThat(change.operation()).isEqualTo(RowChange.Operation.UPDATE);
        assertThat(change.row().getInt32("quantity")).isEqualTo(7);
        assertThat(change.lsn()).isEqualTo(4242L);
        assertThat(change.committedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
    }

    @Test
    void deleteCarriesTheRowBeforeTheChange() {
        RowChange change = RowChange.from(ChangeRecords.envelope("inventory", "d", BEFORE, null, 5L, 1)).orElseThrow();

        assertThat(change.operation()).isEqualTo(RowChange.Operation.DELETE);
        assertThat(change.row().getInt32("quantity")).isEqualTo(5);
    }

    @Test
    void snapshotReadWithoutLsnGetsZero() {
        RowChange change = RowChange.from(ChangeRecords.envelope("inventory", "r", null, AFTER, null, 1)).orElseThrow();

        assertThat(change.operation()).isEqualTo(RowChange.Operation.SNAPSHOT_READ);
        assertThat(change.lsn()).isZero();
    }

    @Test
    void heartbeatsTombstonesAndTruncatesAreNotRowChanges() {
        Schema heartbeatSchema = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
                .field("ts_ms", Schema.INT64_SCHEMA).build();
        SourceRecord heartbeat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.streamcart",
                heartbeatSchema, new Struct(heartbeatSchema).put("ts_ms", 1L));
        SourceRecord tombstone = new SourceRecord(Map.of(), Map.of(), "streamcart.public.inventory", null, null);

        assertThat(RowChange.from(heartbeat)).isEmpty();
        assertThat(RowChange.from(tombstone)).isEmpty();
        assertThat(RowChange.from(ChangeRecords.envelope("inventory", "t", null, AFTER, 1L, 1))).isEmpty();
    }
}
