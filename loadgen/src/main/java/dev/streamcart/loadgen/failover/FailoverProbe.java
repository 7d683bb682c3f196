package dev.streamcart.loadgen.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.apiclient.ApiUnreachableException;
import org.jspecify.annotations.Nullable;

/**
 * A storefront client that never stops asking while parts of the platform are killed, and records
 * what every answer was. It reads stock (inventory-streams' interactive queries) and one of its own
 * orders (order-streams'), and places and pays orders (PostgreSQL, the outbox). A retriable answer
 * (503, or a dropped or refused connection) is retried with the same idempotency key, as a real client
 * would; anything else that is not a proper answer counts as a failure.
 */
public final class FailoverProbe implements AutoCloseable {

    /** How an answer counts. */
    public enum Kind { OK, RETRIABLE, FAILED }

    public record Outcome(Instant at, String request, Kind kind, String detail) {}

    /**
     * What the probe saw between two instants. {@code errorTime} adds up the bursts of errors, each from
     * its first error to the next good answer: how long clients were not served.
     */
    public record Window(int answers, int retriable, int failed, Duration errorTime, Duration longestBurst,
            List<Outcome> failures, List<String> retriableKinds) {}

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PAUSE = Duration.ofMillis(100);

    private final ApiClient api;
    private final long userId;
    private final List<Long> productIds;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private volatile long lastOrderId = -1;

    public FailoverProbe(String baseUrl, String token, long userId, List<Long> productIds) {
        // a short connect timeout: a refused or hanging instance is the thing under test, and is retried
        this.api = ApiClient.builder(baseUrl).connectTimeout(Duration.ofSeconds(2)).requestTimeout(REQUEST_TIMEOUT)
                .build().withToken(token);
        this.userId = userId;
        this.productIds = List.copyOf(productIds);
    }

    public void start() {
        threads.add(new Thread(this::readLoop, "probe-reads"));
        threads.add(new Thread(this::orderLoop, "probe-orders"));
        threads.forEach(Thread::start);
    }

    private void readLoop() {
        int i = 0;
        while (running.get()) {
            long product = productIds.get(i++ % productIds.size());
            send("GET stock", () -> api.get("/api/stock/" + product), 404);
            long order = lastOrderId;
            if (order > 0) {
                // 404 while the new order's view is on its way through CDC and order-streams
                send("GET order", () -> api.get("/api/orders/" + order), 404);
            }
            pause();
        }
    }

    private void orderLoop() {
        int i = 0;
        while (running.get()) {
            long product = productIds.get(i++ % productIds.size());
            String placeKey = UUID.randomUUID().toString();
            Map<String, Object> order = Map.of("userId", userId, "items", List.of(Map.of("productId", product, "quantity", 1)));
            JsonNode placed = untilAnswered("POST order", () -> post("/api/orders", order, placeKey), 409);
            if (placed != null && placed.hasNonNull("id")) {
                long orderId = placed.path("id").asLong();
                lastOrderId = orderId;
                String payKey = UUID.randomUUID().toString();
                Map<String, Object> card = Map.of("method", "card", "cardNumber", "4242424242424242");
                untilAnswered("POST payment", () -> post("/api/orders/" + orderId + "/payments", card, payKey), 402);
            }
            pause();
        }
    }

    /** Sends until the answer is not retriable (the same request, so the same idempotency key). */
    private @Nullable JsonNode untilAnswered(String name, Request request, int acceptedError) {
        while (running.get()) {
            Answer answer = send(name, request, acceptedError);
            if (answer.kind() != Kind.RETRIABLE) {
                return answer.body();
            }
            pause();
        }
        return null;
    }

    private interface Request {
        ApiClient.Response send();
    }

    private ApiClient.Response post(String path, Object body, String idempotencyKey) {
        // one device, as one shopper's phone: a missing id is a risk signal of its own
        return api.post(path, body, "Idempotency-Key", idempotencyKey, "X-Device-Id", "failover-probe");
    }

    private record Answer(Kind kind, @Nullable JsonNode body) {}

    private Answer send(String name, Request request, int acceptedError) {
        try {
            ApiClient.Response response = request.send();
            int status = response.status();
            Kind kind = status < 300 || status == acceptedError ? Kind.OK : status == 503 ? Kind.RETRIABLE : Kind.FAILED;
            record(name, kind, status + " " + abbreviate(response.body(), 160));
            JsonNode body = kind == Kind.OK && status < 300 && !response.body().isBlank() ? response.json() : null;
            return new Answer(kind, body);
        } catch (ApiUnreachableException e) {
            if (e.interrupted()) {
                running.set(false);
                return new Answer(Kind.RETRIABLE, null);
            }
            // a dropped, refused or timed-out connection: the client cannot know the outcome and retries
            record(name, Kind.RETRIABLE, e.getCause().toString());
            return new Answer(Kind.RETRIABLE, null);
        }
    }

    private synchronized void record(String request, Kind kind, String detail) {
        outcomes.add(new Outcome(Instant.now(), request, kind, detail));
    }

    /** What the probe saw from {@code from} to {@code to}: counts, and how long errors lasted. */
    public synchronized Window window(Instant from, Instant to) {
        int answers = 0;
        int retriable = 0;
        int failed = 0;
        Duration errorTime = Duration.ZERO;
        Duration longestBurst = Duration.ZERO;
        Instant burstStart = null;
        List<Outcome> failures = new ArrayList<>();
        Set<String> retriableKinds = new LinkedHashSet<>();
        for (Outcome outcome : outcomes) {
            if (outcome.at().isBefore(from) || outcome.at().isAfter(to)) {
                continue;
            }
            answers++;
            if (outcome.kind() == Kind.OK) {
                if (burstStart != null) {
                    Duration burst = Duration.between(burstStart, outcome.at());
                    errorTime = errorTime.plus(burst);
                    longestBurst = burst.compareTo(longestBurst) > 0 ? burst : longestBurst;
                    burstStart = null;
                }
                continue;
            }
            burstStart = burstStart == null ? outcome.at() : burstStart;
            if (outcome.kind() == Kind.RETRIABLE) {
                retriable++;
                if (retriableKinds.size() < 6) {
                    retriableKinds.add(outcome.request() + ": " + abbreviate(outcome.detail(), 200));
                }
            } else {
                failed++;
                failures.add(outcome);
            }
        }
        if (burstStart != null) {
            Duration burst = Duration.between(burstStart, to);
            errorTime = errorTime.plus(burst);
            longestBurst = burst.compareTo(longestBurst) > 0 ? burst : longestBurst;
        }
        return new Window(answers, retriable, failed, errorTime, longestBurst, List.copyOf(failures),
                List.copyOf(retriableKinds));
    }

    /** Every answer that was not OK, one per line: time, request, kind, detail. */
    public synchronized List<String> errors() {
        return outcomes.stream().filter(outcome -> outcome.kind() != Kind.OK)
                .map(outcome -> outcome.at() + "\t" + outcome.request() + "\t" + outcome.kind() + "\t" + outcome.detail())
                .toList();
    }

    /** When the probe last saw an answer that was not OK. */
    public synchronized Optional<Instant> lastError() {
        for (int i = outcomes.size() - 1; i >= 0; i--) {
            if (outcomes.get(i).kind() != Kind.OK) {
                return Optional.of(outcomes.get(i).at());
            }
        }
        return Optional.empty();
    }

    /** Whether every answer in the last {@code period} was OK (and there were some). */
    public synchronized boolean healthyFor(Duration period) {
        Instant since = Instant.now().minus(period);
        boolean any = false;
        for (int i = outcomes.size() - 1; i >= 0 && outcomes.get(i).at().isAfter(since); i--) {
            if (outcomes.get(i).kind() != Kind.OK) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    private static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "...";
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(REQUEST_TIMEOUT.toMillis() * 2);
        }
    }
}
