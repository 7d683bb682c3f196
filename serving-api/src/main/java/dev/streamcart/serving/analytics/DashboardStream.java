package dev.streamcart.serving.analytics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.limits.StreamLimits;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's live feed ({@code GET /api/analytics/stream}, server-sent events). Every
 * {@link #TICK}, each subscriber's snapshot is recomputed for its own parameters (so "the last
 * hour" slides with the clock) and pushed as a {@code snapshot} event when it differs from the last
 * one sent; otherwise a comment keeps the connection alive. One thread serves every subscriber,
 * so the streams are capped per account and in total ({@link StreamLimits}): a stream beyond a cap
 * is refused with 429 before it starts, and its place is given back when it ends.
 */
public final class DashboardStream implements AutoCloseable {

    static final Duration TICK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(DashboardStream.class);

    /** What a refused stream is told to wait: streams end when their pages close, seconds apart. */
    static final long RETRY_AFTER_SECONDS = 10;
    /**
     * Quiet ticks between keep-alive comments. A closed page is only noticed when a write to it fails,
     * so they come often: its place comes back within seconds, and proxies do not drop idle connections.
     */
    static final int KEEP_ALIVE_TICKS = 2;

    /** A place among the open streams, taken by {@link #admit} and given back once, when the stream ends. */
    public final class Place {
        private final long userId;
        private final AtomicBoolean released = new AtomicBoolean();

        private Place(long userId) {
            this.userId = userId;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                synchronized (openByUser) {
                    openByUser.computeIfPresent(userId, (user, open) -> open <= 1 ? null : open - 1);
                    openInTotal--;
                }
            }
        }
    }

    private final class Subscriber {
        final SseClient client;
        final Principal caller;
        final Map<String, String> params;
        final Place place;
        String lastSent = "";
        int quietTicks;

        Subscriber(SseClient client, Principal caller, Map<String, String> params, Place place) {
            this.client = client;
            this.caller = caller;
            this.params = params;
            this.place = place;
        }
    }

    private final DashboardSnapshots snapshots;
    private final AnalyticsFilters filters;
    private final ObjectMapper json;
    private final StreamLimits limits;
    /** Open streams per account; also the lock of {@link #openInTotal}. */
    private final Map<Long, Integer> openByUser = new HashMap<>();
    private int openInTotal;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-stream");
        thread.setDaemon(true);
        return thread;
    });

    public DashboardStream(DashboardSnapshots snapshots, AnalyticsFilters filters, ObjectMapper json, StreamLimits limits) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.filters = Objects.requireNonNull(filters, "filters");
        this.json = Objects.requireNonNull(json, "json");
        this.limits = Objects.requireNonNull(limits, "limits");
        timer.scheduleWithFixedDelay(this::pushAll, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes a place for a stream of {@code caller}; 429 when the account or the server has as many open as allowed. */
    Place admit(Principal caller) {
        synchronized (openByUser) {
            int own = openByUser.getOrDefault(caller.userId(), 0);
            if (own >= limits.maxPerUser()) {
                throw tooMany("this account already has " + own + " dashboard streams open, the most it may: "
                        + "close one first");
            }
            if (openInTotal >= limits.maxTotal()) {
                throw tooMany("the server already serves " + openInTotal + " dashboard streams, the most it may");
            }
            openByUser.merge(caller.userId(), 1, Integer::sum);
            openInTotal++;
        }
        return new Place(caller.userId());
    }

    private static DomainException tooMany(String detail) {
        return new DomainException(ProblemKind.TOO_MANY_REQUESTS, detail + "; retry in " + RETRY_AFTER_SECONDS + " s",
                Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
    }

    /** Keeps the connection open and sends the first snapshot at once; the place is given back when it closes. */
    void subscribe(SseClient client, Principal caller, Map<String, String> params, Place place) {
        Subscriber subscriber = new Subscriber(client, caller, Map.copyOf(params), place);
        client.keepAlive();
        client.onClose(() -> end(subscriber));
        subscribers.add(subscriber);
        timer.execute(() -> push(subscriber));
    }

    private void end(Subscriber subscriber) {
        subscribers.remove(subscriber);
        subscriber.place.release();
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** Streams holding a place, the number the caps count. */
    public int openStreams() {
        synchronized (openByUser) {
            return openInTotal;
        }
    }

    private void pushAll() {
        for (Subscriber subscriber : subscribers) {
            push(subscriber);
        }
    }

    private void push(Subscriber subscriber) {
        if (subscriber.client.terminated()) {
            end(subscriber);
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
            } else if (++subscriber.quietTicks % KEEP_ALIVE_TICKS == 0) {
                subscriber.client.sendComment("still here");
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
            end(subscriber);
        }
    }
}
