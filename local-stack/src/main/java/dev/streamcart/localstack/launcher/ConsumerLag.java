package dev.streamcart.localstack.launcher;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Records a consumer group has not consumed yet, over the partitions it has committed offsets for
 * (repartition topics included): what the launcher's status line, the verifier and the benchmarks
 * read as a Kafka Streams app's or a Flink source's lag.
 */
public final class ConsumerLag {

    private ConsumerLag() {}

    /**
     * The group's lag in records, or empty when it has committed no offset yet. Each answer from
     * Kafka is awaited at most {@code timeout}; the caller decides what a failed read means.
     */
    public static OptionalLong of(Admin admin, String group, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(group, "group");
        long millis = timeout.toMillis();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(millis, TimeUnit.MILLISECONDS);
        if (committed.isEmpty()) {
            return OptionalLong.empty();
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(millis, TimeUnit.MILLISECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
            long position = entry.getValue() == null ? 0 : entry.getValue().offset();
            // exactly-once leaves one transaction marker after the last record of a partition
            lag += Math.max(0, ends.get(entry.getKey()).offset() - position - 1);
        }
        return OptionalLong.of(lag);
    }
}
