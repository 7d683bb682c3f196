package dev.streamcart.localstack.launcher;

/**
 * How many of each part one run of the platform starts. The jars are the same in every topology;
 * only their settings differ.
 *
 * @param brokers KRaft brokers, each also a controller (1, or 3 for a quorum that survives one loss)
 * @param streamsInstances instances of each Kafka Streams app, sharing its partitions
 * @param captureInstances ingest-cdc instances: one captures, the others stand by
 * @param apiInstances serving-api instances; more than one puts HAProxy in front of them
 * @param flinkTaskManagers TaskManagers of a Flink session cluster the KPI job is submitted to; 0 runs
 *        the job on a MiniCluster in its own JVM
 */
public record Topology(int brokers, int streamsInstances, int captureInstances, int apiInstances, int flinkTaskManagers) {

    public Topology {
        if (brokers != 1 && brokers != 3) {
            throw new IllegalArgumentException("brokers must be 1 or 3, was " + brokers);
        }
        if (streamsInstances < 1 || captureInstances < 1 || apiInstances < 1) {
            throw new IllegalArgumentException("every part needs at least one instance: " + this);
        }
        if (flinkTaskManagers < 0) {
            throw new IllegalArgumentException("flinkTaskManagers must be >= 0, was " + flinkTaskManagers);
        }
    }

    /** One process per service: {@code ./platform up}. */
    public static Topology single() {
        return new Topology(1, 1, 1, 1, 0);
    }

    /**
     * {@code ./platform up --cluster}: 3 brokers, 2 of each Streams app, a capture standby, 2 APIs,
     * a Flink session cluster with 2 TaskManagers.
     */
    public static Topology cluster() {
        return new Topology(3, 2, 2, 2, 2);
    }

    public boolean isCluster() {
        return brokers > 1 || streamsInstances > 1 || captureInstances > 1 || apiInstances > 1 || flinkTaskManagers > 0;
    }

    public boolean flinkSessionCluster() {
        return flinkTaskManagers > 0;
    }

    public boolean loadBalanced() {
        return apiInstances > 1;
    }

    /** Standby copies of each Streams store: one when a second instance can hold it. */
    public int standbyReplicas() {
        return streamsInstances > 1 ? 1 : 0;
    }
}
