package dev.streamcart.schemas.streams.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** This instance's own partition of a key-value store, active or standby, for the answers of a key. */
public final class LocalStores {

    private LocalStores() {}

    /**
     * The partition {@code key.partition()} of {@code storeName}, read only: one RocksDB instance,
     * not all the partitions this instance holds. For a {@linkplain OwnedKey#standby() standby} key
     * it is the standby copy, which Kafka Streams serves only to queries that accept stale stores.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the partition migrates
     */
    public static <K, V> ReadOnlyKeyValueStore<K, V> keyValue(KafkaStreams streams, String storeName, OwnedKey key) {
        StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> query = StoreQueryParameters
                .fromNameAndType(storeName, QueryableStoreTypes.<K, V>keyValueStore())
                .withPartition(key.partition());
        return streams.store(key.standby() ? query.enableStaleStores() : query);
    }
}
