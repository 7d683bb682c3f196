package dev.streamcart.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streamcart.apiclient.StorefrontApiClient;
import dev.streamcart.loadgen.pacing.FakeClock;
import dev.streamcart.loadgen.stats.TrafficStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FulfilmentWorkerTest {

    private static final int ORDERS = 200;

    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** "POST /api/products/{id}/reviews by Bearer shopper-{userId}" for each review. */
    private final List<String> reviews = new CopyOnWriteArrayList<>();
    private final AtomicLong shipmentIds = new AtomicLong();
    private final FakeClock clock = new FakeClock();
    private HttpServer server;
    private FulfilmentWorker worker;
    private final TrafficStats stats = new TrafficStats();

    @BeforeEach
    void startFakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::answer);
        server.start();
        StorefrontApiClient api = new StorefrontApiClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
        worker = new FulfilmentWorker(api.signedIn("operator", userId -> "shopper-" + userId), stats,
                new FailureReporter(stats, 5), clock, 42);
    }

    @AfterEach
    void stopFakeApi() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (path.endsWith("/reviews")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                reviews.add(exchange.getRequestMethod() + " " + path + " by "
                        + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            }
            String body = path.endsWith("/shipments") ? "{\"id\":" + shipmentIds.incrementAndGet() + "}" : "{}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(path.endsWith("/fulfil") ? 200 : 201, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private long count(String suffix) {
        return requests.stream().filter(request -> request.endsWith(suffix)).count();
    }

    private void tickUntilIdle() {
        for (int i = 0; i < ORDERS / FulfilmentWorker.MAX_ACTIONS_PER_TICK + 2; i++) {
            worker.tick();
        }
    }

    @Test
    void paidOrdersWaitThenMostShipAFewAreRefundedAndEachIsHandledOnce() {
        for (long order = 1; order <= ORDERS; order++) {
            // buyer 1000 + n bought products 10n and 10n + 1
            worker.paid(order, 1000 + order, List.of(order * 10, order * 10 + 1));
        }
        worker.tick();
        assertThat(requests).as("nothing before the shipping delay").isEmpty();

        clock.advanceMillis(FulfilmentWorker.SHIP_AFTER.toMillis());
        worker.tick();
        assertThat(requests.stream().filter(r -> !r.endsWith("/fulfil")).count())
                .as("gentle: one tick handles at most the per-tick budget")
                .isLessThanOrEqualTo(FulfilmentWorker.MAX_ACTIONS_PER_TICK);
        tickUntilIdle();

        long shipped = count("/shipments");
        long refundedBeforeShipping = count("/refunds");
        assertThat(shipped).isBetween(160L, 199L);
        assertThat(refundedBeforeShipping).isBetween(1L, 20L);
        assertThat(count("/fulfil")).isBetween(shipped / 4, shipped * 3 / 4);
        assertThat(requests.stream().filter(r -> r.endsWith("/shipments") || r.endsWith("/refunds")).distinct().count())
                .as("every order is shipped or refunded at most once").isEqualTo(shipped + refundedBeforeShipping);

        assertThat(reviews).as("nobody reviews before delivery").isEmpty();

        clock.advanceMillis(FulfilmentWorker.DELIVER_AFTER.toMillis());
        tickUntilIdle();

        long inTransit = requests.stream().filter(r -> r.endsWith("/tracking-events")).count();
        assertThat(inTransit).as("IN_TRANSIT for each, DELIVERED for most").isBetween(shipped + shipped * 8 / 10, shipped * 2);
        assertThat(worker.summary()).startsWith("shipped=" + shipped + " ");

        // about 30% of the delivered orders get a review, by their buyer, of one of their products
        long delivered = inTransit - shipped;
        assertThat(reviews).hasSizeBetween((int) (delivered / 6), (int) (delivered / 2));
        assertThat(stats.snapshot().reviews()).isEqualTo(reviews.size());
        for (String review : reviews) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern
                    .compile("POST /api/products/(\\d+)/reviews by Bearer shopper-(\\d+) (.*)").matcher(review);
            assertThat(matcher.matches()).as(review).isTrue();
            long productId = Long.parseLong(matcher.group(1));
            long order = Long.parseLong(matcher.group(2)) - 1000;
            assertThat(productId).as("a product of the buyer's own order").isIn(order * 10, order * 10 + 1);
            assertThat(matcher.group(3)).matches("\\{\"rating\":[1-5],\"title\":\".+\",\"text\":\".+\"}");
        }
    }

    @Test
    void starsAreSkewedPositive() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int[] counts = new int[6];
        for (int i = 0; i < 10_000; i++) {
            counts[ReviewWriter.stars(random)]++;
        }
        assertThat(counts[0]).isZero();
        assertThat(counts[5]).isGreaterThan(counts[4]).isGreaterThan(counts[3]);
        assertThat(counts[4] + counts[5]).isBetween(7_000, 8_000);
        assertThat(counts[1]).isBetween(300, 700);
    }
}
