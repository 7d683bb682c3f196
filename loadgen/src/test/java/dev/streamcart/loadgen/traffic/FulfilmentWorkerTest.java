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
import dev.streamcart.loadgen.api.StorefrontApiClient;
import dev.streamcart.loadgen.pacing.FakeClock;
import dev.streamcart.loadgen.stats.TrafficStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FulfilmentWorkerTest {

    private static final int ORDERS = 200;

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong shipmentIds = new AtomicLong();
    private final FakeClock clock = new FakeClock();
    private HttpServer server;
    private FulfilmentWorker worker;

    @BeforeEach
    void startFakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::answer);
        server.start();
        StorefrontApiClient api = new StorefrontApiClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
        TrafficStats stats = new TrafficStats();
        worker = new FulfilmentWorker(api, new FailureReporter(stats, 5), clock, 42);
    }

    @AfterEach
    void stopFakeApi() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
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
            worker.paid(order);
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

        clock.advanceMillis(FulfilmentWorker.DELIVER_AFTER.toMillis());
        tickUntilIdle();

        long inTransit = requests.stream().filter(r -> r.endsWith("/tracking-events")).count();
        assertThat(inTransit).as("IN_TRANSIT for each, DELIVERED for most").isBetween(shipped + shipped * 8 / 10, shipped * 2);
        assertThat(worker.summary()).startsWith("shipped=" + shipped + " ");
    }
}
