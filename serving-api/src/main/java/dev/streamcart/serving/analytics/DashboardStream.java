package dev.streamcart.serving.analytics;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcart.serving.auth.Principal;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's live feed ({@code GET /api/analytics/stream}, server-sent events). Every
 * {@link #TICK}, each subscriber's snapshot is recomputed for its own parameters (so "the last
 * hour" slides with the clock) and pushed as a {@code snapshot} event when it differs from the last
 * one sent; otherwise a comment keeps the connection alive. One thread serves every subscriber.
 */
public final class DashboardStream implements AutoCloseable {

    static final Duration TICK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(DashboardStream.class);

    private final class Subscriber {
        final SseClient client;
        final Principal caller;
        final Map<String, String> params;
        String lastSent = "";
        int quietTicks;

        Subscriber(SseClient client, Principal caller, Map<String, String> params) {
            this.client = client;
            this.caller = caller;
            this.params = params;
        }
    }

    private final DashboardSnapshots snapshots;
    private final AnalyticsFilters filters;
    private final ObjectMapper json;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-stream");
        thread.setDaemon(true);
        return thread;
    });

    public DashboardStream(DashboardSnapshots snapshots, AnalyticsFilters filters, ObjectMapper json) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.filters = Objects.requireNonNull(filters, "filters");
        this.json = Objects.requireNonNull(json, "json");
        timer.scheduleWithFixedDelay(this::pushAll, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Keeps the connection open and sends the first snapshot at once. */
    void subscribe(SseClient client, Principal caller, Map<String, String> params) {
        Subscriber subscriber = new Subscriber(client, caller, Map.copyOf(params));
        client.keepAlive();
        client.onClose(() -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        timer.execute(() -> push(subscriber));
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private void pushAll() {
        for (Subscriber subscriber : subscribers) {
            push(subscriber);
        }
    }

    private void push(Subscriber subscriber) {
        if (subscriber.client.terminated()) {
            subscribers.remove(subscriber);
            return;
        }
        try {
            AnalyticsFilter filter = filters.read(subscriber.params::get, subscriber.caller);
            ObjectNode snapshot = json.valueToTree(snapshots.compute(filter, subscriber.caller));
            ObjectNode unchanging = snapshot.deepCopy();
            unchanging.remove("at");
            unchanging.remove("filter"); // slides with the clock even when nothing happened
            String comparable = json.writeValueAsString(unchanging);
            if (!comparable.equals(subscriber.lastSent)) {
                subscriber.client.sendEvent("snapshot", json.writeValueAsString(snapshot));
                subscriber.lastSent = comparable;
                subscriber.quietTicks = 0;
            } else if (++subscriber.quietTicks % 15 == 0) {
                subscriber.client.sendComment("still here"); // proxies drop idle connections
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("dashboard stream push failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (Subscriber subscriber : subscribers) {
            subscriber.client.close();
        }
        subscribers.clear();
    }
}
