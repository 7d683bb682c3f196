package dev.streamcart.recommender.interactions;

import java.io.Serializable;

/**
 * Offsets {@code from} (inclusive) to {@code until} (exclusive) of one partition: the unit of work
 * of one Spark task reading the clickstream.
 */
public record OffsetRange(String topic, int partition, long from, long until) implements Serializable {

    public OffsetRange {
        if (from < 0 || until < from) {
            throw new IllegalArgumentException("bad offset range " + from + ".." + until + " of " + topic + "-" + partition);
        }
    }

    public long size() {
        return until - from;
    }
}
