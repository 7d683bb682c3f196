package dev.streamcart.ingest.outbox;

import dev.streamcart.ingest.publish.OutgoingEvent;

/**
 * Turns the outbox rows of one aggregate type into typed events on that aggregate's topic.
 * Throws {@link IllegalArgumentException} for a row that breaks the aggregate's contract.
 */
@FunctionalInterface
public interface OutboxEventMapper {

    OutgoingEvent<?> map(OutboxRow row);
}
