package dev.streamcart.ingest.capture;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.ingest.publish.OutgoingEvent;

/** Hands each row change to the mapper of its table. Tables without a mapper publish nothing. */
public final class ChangeRouter {

    private final Map<String, RowChangeMapper> mappersByTable;

    public ChangeRouter(Map<String, RowChangeMapper> mappersByTable) {
        this.mappersByTable = Map.copyOf(Objects.requireNonNull(mappersByTable, "mappersByTable"));
    }

    public List<OutgoingEvent<?>> route(RowChange change) {
        RowChangeMapper mapper = mappersByTable.get(change.table());
        return mapper == null ? List.of() : mapper.map(change);
    }
}
