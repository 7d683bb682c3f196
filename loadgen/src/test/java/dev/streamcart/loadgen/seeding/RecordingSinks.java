package dev.streamcart.loadgen.seeding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.streamcart.schemas.clickstream.ClickEvent;

/** Keeps what a generator writes, per table, as COPY text; and the clicks it sends. */
final class RecordingSinks implements RowSink, ClickSink {

    final Map<String, StringBuilder> tables = new LinkedHashMap<>();
    final List<ClickEvent> clicks = new ArrayList<>();
    int batches;

    @Override
    public void write(CopyText rows) {
        tables.computeIfAbsent(rows.table(), table -> new StringBuilder()).append(rows.finished());
    }

    @Override
    public void replaceStock(CopyText slots) {
        write(slots);
    }

    @Override
    public void endOfBatch() {
        batches++;
    }

    @Override
    public void send(ClickEvent event) {
        clicks.add(event);
    }

    @Override
    public void flush() {
        // every click is kept the moment it is sent
    }

    @Override
    public void close() {
        // nothing to release
    }

    List<String[]> rows(String table) {
        StringBuilder text = tables.get(table);
        List<String[]> rows = new ArrayList<>();
        if (text == null) {
            return rows;
        }
        for (String line : text.toString().split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }
}
