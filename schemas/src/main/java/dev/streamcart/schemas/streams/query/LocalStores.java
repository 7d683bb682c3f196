package dev.streamcart.schemas.streams.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** This instance's own partition of a key-value store, for the answers of the key's owner. */
public final class LocalStores {

    private LocalStores() {}

    /**
     * The partition {@code key.partition()} of {@code storeName}, read only: one RocksDB instance,
     * not all the partitions this instance holds.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the partition migrates
     */
    public static <K, V> ReadOnlyKeyValueStore<K, V> keyValue(KafkaStreams streams, String storeName, OwnedKey key) {
        return streams.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<K, V>keyValueStore())
                .withPartition(key.partition()));
    }
}
