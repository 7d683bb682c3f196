package dev.streamcart.localstack.launcher;

/**
 * How many of each part one run of the platform starts. The jars are the same in every topology;
 * only their settings differ.
 *
 * @param brokers KRaft brokers, each also a controller (1, or 3 for a quorum that survives one loss)
 * @param streamsInstances instances of each Kafka Streams app, sharing its partitions
 * @param captureInstances ingest-cdc instances: one captures, the others stand by
 * @param apiInstances serving-api instances; more than one puts HAProxy in front of them
 */
public record Topology(int brokers, int streamsInstances, int captureInstances, int apiInstances) {

    public Topology {
        if (brokers != 1 && brokers != 3) {
            throw new IllegalArgumentException("brokers must be 1 or 3, was " + brokers);
        }
        if (streamsInstances < 1 || captureInstances < 1 || apiInstances < 1) {
            throw new IllegalArgumentException("every part needs at least one instance: " + this);
        }
    }

    /** One process per service: {@code ./platform up}. */
    public static Topology single() {
        return new Topology(1, 1, 1, 1);
    }

    /** {@code ./platform up --cluster}: 3 brokers, 2 of each Streams app, a capture standby, 2 APIs. */
    public static Topology cluster() {
        return new Topology(3, 2, 2, 2);
    }

    public boolean isCluster() {
        return brokers > 1 || streamsInstances > 1 || captureInstances > 1 || apiInstances > 1;
    }

    public boolean loadBalanced() {
        return apiInstances > 1;
    }

    /** Standby copies of each Streams store: one when a second instance can hold it. */
    public int standbyReplicas() {
        return streamsInstances > 1 ? 1 : 0;
    }
}
