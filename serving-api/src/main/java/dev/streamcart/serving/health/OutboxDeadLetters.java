package dev.streamcart.serving.health;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The {@code deadLetters} part of {@code /health}: how many outbox rows ingest-cdc could not turn
 * into their event and parked on {@code outbox-dead-letters}, counted from the topic itself (its
 * records between the earliest and latest offsets), so the figure is the same whichever ingest-cdc
 * instance sent them and survives its restarts. UP at zero; DOWN above zero, since each needs an
 * operator (fix and replay it, then delete it from the topic, which brings the count back down);
 * not required, so it never takes the API out of service. The count is in the detail
 * ({@code /api/admin/health}).
 */
public final class OutboxDeadLetters implements AutoCloseable {

    private final Admin admin;

    public OutboxDeadLetters(String bootstrapServers) {
        this.admin = Probes.kafkaAdmin(bootstrapServers, "serving-api-dead-letters");
    }

    public ComponentHealth check() {
        try {
            long count = count();
            String detail = count + " outbox row(s) in " + Topics.OUTBOX_DEAD_LETTERS.name();
            return count == 0 ? ComponentHealth.up(detail) : ComponentHealth.down(detail
                    + ": rows ingest-cdc could not turn into events; see ingest-cdc's README");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ComponentHealth.unknown("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return ComponentHealth.up("no " + Topics.OUTBOX_DEAD_LETTERS.name() + " topic yet");
            }
            return ComponentHealth.unknown("cannot count the dead letters: " + e.getCause());
        } catch (TimeoutException e) {
            return ComponentHealth.unknown("cannot count the dead letters: Kafka did not answer");
        }
    }

    /** Records on the dead-letter topic now (latest minus earliest offset, over its partitions). */
    public long count() throws InterruptedException, ExecutionException, TimeoutException {
        String topic = Topics.OUTBOX_DEAD_LETTERS.name();
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(2, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(partition -> {
            TopicPartition tp = new TopicPartition(topic, partition.partition());
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                admin.listOffsets(earliest).all().get(2, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS);
        long count = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
            count += end.getValue().offset() - starts.get(end.getKey()).offset();
        }
        return count;
    }

    @Override
    public void close() {
        admin.close();
    }
}
