package dev.streamcart.schemas.streams.query;

import java.util.Objects;

/**
 * A key this instance answers for: as its active owner, as Kafka Streams' metadata said when the
 * request arrived, or from its standby copy when the owner could not be reached.
 *
 * @param id the id from the path
 * @param key its record key, {@code Topics.key(id)}
 * @param partition the store partition that holds the key, to read that partition only
 * @param servedBy this instance's {@code host:port}, for the answer's {@code X-Served-By}
 * @param standby read the standby copy of the partition, not an active one
 */
public record OwnedKey(long id, String key, int partition, String servedBy, boolean standby) {

    public OwnedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(servedBy, "servedBy");
    }
}
