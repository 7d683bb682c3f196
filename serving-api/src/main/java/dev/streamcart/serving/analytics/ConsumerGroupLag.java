package dev.streamcart.serving.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Live lag of the Kafka Streams apps (their consumer groups are their application ids): records
 * on their input partitions not consumed yet. The same measure as {@code ./platform verify}.
 */
public final class ConsumerGroupLag implements AutoCloseable {

    /** The application ids of the Streams apps that build the read models. */
    static final List<String> STREAM_GROUPS = List.of("inventory-streams", "order-streams");

    /** One group's lag; {@code lagRecords} is null when the group has committed nothing yet. */
    public record GroupLag(String group, @Nullable Long lagRecords) {}

    private final Admin admin;

    public ConsumerGroupLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000));
    }

    /** Every group's lag; a group Kafka could not answer for reports null. */
    public List<GroupLag> lag() {
        List<GroupLag> lags = new ArrayList<>();
        for (String group : STREAM_GROUPS) {
            lags.add(new GroupLag(group, groupLag(group)));
        }
        return lags;
    }

    private @Nullable Long groupLag(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
            if (committed.isEmpty()) {
                return null;
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(3, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                long offset = entry.getValue() == null ? 0 : entry.getValue().offset();
                // exactly-once leaves one transaction marker after the last record of a partition
                lag += Math.max(0, Objects.requireNonNull(ends.get(entry.getKey())).offset() - offset - 1);
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
