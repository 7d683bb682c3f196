package dev.streamcart.schemas.streams;

import dev.streamcart.schemas.config.Settings;

/**
 * How one Streams app spreads its work: threads in this instance, and warm copies of each task's
 * state kept on other instances, so a failed instance's partitions move to one that already holds
 * their state instead of restoring it from the changelog.
 *
 * @param threads stream threads in this instance ({@code streams.num-threads}, default 1)
 * @param standbyReplicas standby copies of each state store ({@code streams.num-standby-replicas}, default 0;
 *        1 in a cluster of two or more instances)
 */
public record StreamsScaling(int threads, int standbyReplicas) {

    public static final String NUM_THREADS = "streams.num-threads";
    public static final String NUM_STANDBY_REPLICAS = "streams.num-standby-replicas";

    public StreamsScaling {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standbyReplicas must be >= 0, was " + standbyReplicas);
        }
    }

    /** One thread, no standby: a single instance. */
    public static StreamsScaling single() {
        return new StreamsScaling(1, 0);
    }

    public static StreamsScaling from(Settings settings) {
        return new StreamsScaling(settings.getInt(NUM_THREADS, 1), settings.getInt(NUM_STANDBY_REPLICAS, 0));
    }
}
