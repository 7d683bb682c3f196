package dev.streamcart.localstack.launcher.verify;

/**
 * Where the verifier folds a compacted read-model topic (read with schemas' {@code CompactedTopicReader}):
 * each record's reduced value replaces the key's previous one, and a tombstone forgets the key. Keys
 * are ids, so the tables index them without a string per key.
 */
interface LatestValueSink<R> {

    void put(long key, R value);

    void remove(long key);
}
