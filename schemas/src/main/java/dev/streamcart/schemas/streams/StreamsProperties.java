package dev.streamcart.schemas.streams;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams settings every service of the platform shares. */
public final class StreamsProperties {

    private StreamsProperties() {}

    /** Exactly-once v2, state kept in our data folder (never /tmp), 100 ms commits for freshness. */
    public static Properties exactlyOnce(String applicationId, String bootstrapServers, Path stateDirectory, int numThreads) {
        return exactlyOnce(applicationId, bootstrapServers, stateDirectory, new StreamsScaling(numThreads, 0));
    }

    /** The same, with {@code scaling}'s threads and standby replicas. */
    public static Properties exactlyOnce(String applicationId, String bootstrapServers, Path stateDirectory,
            StreamsScaling scaling) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, scaling.threads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, scaling.standbyReplicas());
        // Read models are only as fresh as the transaction commits: 100 ms keeps p99 freshness low.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // A killed instance hands its partitions over in ~6 s (the broker's smallest session) instead of
        // the 45 s default: until then the keys it owned cannot be queried anywhere.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        // A transaction must outlive a failover of its coordinator: the controller notices a dead broker
        // after its 9 s session and the new coordinator then loads the transaction log. With Streams'
        // 10 s default the new coordinator aborts every open transaction, each instance is fenced, drops
        // all its tasks and restores them: a minute without answers for one broker lost.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 30_000);
        return props;
    }
}
