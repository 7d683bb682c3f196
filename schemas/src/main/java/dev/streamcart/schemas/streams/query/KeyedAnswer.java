package dev.streamcart.schemas.streams.query;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * What one route answers on the instance that owns the key. It knows nothing of HTTP or of
 * forwarding: {@link KeyOwnerRouter} decides where it runs.
 */
public interface KeyedAnswer {

    /** How long a forwarding instance waits for the owner, unless {@link #ownerTimeout} says otherwise. */
    Duration DEFAULT_OWNER_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Checks the request's parameters before it is routed, so a bad request is answered 400 by
     * the instance that received it.
     *
     * @throws BadQueryException when a parameter is malformed or out of range
     */
    default void check(QueryRequest request) {}

    /** How long the forwarding instance waits for the owner's answer to {@code request}. */
    default Duration ownerTimeout(QueryRequest request) {
        return DEFAULT_OWNER_TIMEOUT;
    }

    /**
     * The answer from this instance's local store; it may complete later (a read that waits for
     * the value to arrive). An {@link org.apache.kafka.streams.errors.InvalidStateStoreException},
     * thrown or completing the stage, becomes 503.
     */
    CompletionStage<QueryReply> answer(OwnedKey key, QueryRequest request);
}
