package dev.streamcart.serving.readmodels;

import java.time.Duration;
import java.util.Objects;

import dev.streamcart.schemas.streams.query.AvroBodies;
import dev.streamcart.serving.health.ComponentHealth;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * A read model answered by the Streams app that computes it: {@code GET /<resource>/<key>} on one of
 * its instances, decoded from Avro into the schema's record. Every read is one HTTP round trip on
 * the local network; {@link CachedReadModel} keeps hot keys when that is too many.
 */
public final class QueriedReadModel<V extends SpecificRecord> implements ReadModel<V> {

    /** A key no entity has (ids start at 1): asking for it proves the app answers without reading data. */
    private static final String PROBE_KEY = "0";
    /** The longest hold the Streams apps accept. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** Time for the answer to travel after the hold ends. */
    private static final Duration WAIT_SLACK = Duration.ofSeconds(2);

    private final StreamsQueryClient client;
    private final String resource;
    private final Class<V> type;

    /**
     * @param resource the path segment of the Streams app's route, such as {@code stock} or {@code orders}
     */
    public QueriedReadModel(StreamsQueryClient client, String resource, Class<V> type) {
        this.client = Objects.requireNonNull(client, "client");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public @Nullable V get(String key) {
        byte[] body = client.get(path(key));
        return body == null ? null : AvroBodies.decode(body, type);
    }

    /** Asks the owner to hold the request until the key arrives, at most {@code wait} (order-streams' {@code wait-ms}). */
    @Override
    public @Nullable V await(String key, Duration wait) {
        long millis = Math.max(0, Math.min(wait.toMillis(), MAX_WAIT.toMillis()));
        byte[] body = client.get(path(key) + "?wait-ms=" + millis, Duration.ofMillis(millis).plus(WAIT_SLACK));
        return body == null ? null : AvroBodies.decode(body, type);
    }

    String path(String key) {
        return "/" + resource + "/" + key;
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public ComponentHealth health() {
        return client.probe(path(PROBE_KEY));
    }
}
