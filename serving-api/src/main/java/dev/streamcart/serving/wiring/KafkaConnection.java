package dev.streamcart.serving.wiring;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.TopicSpec;
import dev.streamcart.serving.readmodels.TopicChangeFeed;
import org.apache.avro.specific.SpecificRecord;

/**
 * The broker and the one schema registry client every Kafka reader and writer of the API shares,
 * and the change feeds the API follows (health reports whether they all follow their topics).
 */
public final class KafkaConnection {

    private final String bootstrapServers;
    private final SchemaRegistryClient registry;
    private final Lifecycle lifecycle;
    private final List<TopicChangeFeed<?>> changeFeeds = new CopyOnWriteArrayList<>();

    public KafkaConnection(String bootstrapServers, SchemaRegistryClient registry, Lifecycle lifecycle) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    /**
     * A feed of a topic's changes, closed with the API and reported by health; the caller adds its
     * listeners, then starts it.
     */
    public <V extends SpecificRecord> TopicChangeFeed<V> follow(TopicSpec<V> topic) {
        TopicChangeFeed<V> feed = lifecycle.add(new TopicChangeFeed<>(topic, bootstrapServers, registry));
        changeFeeds.add(feed);
        return feed;
    }

    /** Every feed opened by {@link #follow}. */
    public List<TopicChangeFeed<?>> changeFeeds() {
        return List.copyOf(changeFeeds);
    }
}
