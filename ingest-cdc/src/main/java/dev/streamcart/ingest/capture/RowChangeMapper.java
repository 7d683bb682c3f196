package dev.streamcart.ingest.capture;

import java.util.List;

import dev.streamcart.ingest.publish.OutgoingEvent;

/** Turns the changes of one captured table into events; an empty list means "nothing to publish". */
@FunctionalInterface
public interface RowChangeMapper {

    List<OutgoingEvent<?>> map(RowChange change);
}
