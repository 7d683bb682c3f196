package dev.streamcart.schemas.streams.query;

import java.util.Objects;

/**
 * A key this instance is the active owner of, as Kafka Streams' metadata said when the request
 * arrived.
 *
 * @param id the id from the path
 * @param key its record key, {@code Topics.key(id)}
 * @param partition the store partition that holds the key, to read that partition only
 * @param servedBy this instance's {@code host:port}, for the answer's {@code X-Served-By}
 */
public record OwnedKey(long id, String key, int partition, String servedBy) {

    public OwnedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(servedBy, "servedBy");
    }
}
