package dev.streamcart.localstack.launcher.verify;

/**
 * Where {@link CompactedTopicReader} folds a compacted topic: each record's reduced value replaces
 * the key's previous one, and a tombstone forgets the key.
 */
interface LatestValueSink<R> {

    void put(long key, R value);

    void remove(long key);
}
