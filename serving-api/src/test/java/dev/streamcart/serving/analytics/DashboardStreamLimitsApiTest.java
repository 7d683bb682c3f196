package dev.streamcart.serving.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.limits.StreamLimits;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard's live streams, tried as an abuser would: reusing a ticket, opening stream after
 * stream, and asking for ranges that cost ClickHouse too much. Tight caps: 2 per account, 3 in all.
 */
class DashboardStreamLimitsApiTest {

    private static final StreamLimits LIMITS = new StreamLimits(2, 3, 1_500);

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().clickHouse()
            .limits(limits -> limits.withStreams(LIMITS));

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Stream<String>> open = new ArrayList<>();
    private final Storefront shop = SERVER.storefront();

    @BeforeAll
    static void schema() {
        new ClickHouseFixture(SERVER.infrastructure().clickHouseUrl()).applySchema();
    }

    @AfterEach
    void closeStreams() {
        open.forEach(Stream::close);
        open.clear();
        // the server notices a closed stream when it next writes to it: wait until every place is back
        await().atMost(Duration.ofSeconds(20)).until(() -> SERVER.api().openDashboardStreams() == 0);
    }

    private String ticket(ApiClient caller) {
        ApiClient.Response ticket = caller.post("/api/analytics/stream-tickets", "");
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
        return ticket.json().path("ticket").asText();
    }

    private HttpResponse<Stream<String>> openStream(ApiClient caller) throws Exception {
        return openStream(ticket(caller), "from=PT5M");
    }

    private HttpResponse<Stream<String>> openStream(String ticket, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SERVER.client().baseUrl() + "/api/analytics/stream?" + query
                        + "&ticket=" + ticket)).timeout(Duration.ofSeconds(20)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    /** Opens a stream that must be admitted, and keeps it open until the test ends. */
    private void keepOpen(ApiClient caller) throws Exception {
        HttpResponse<Stream<String>> stream = openStream(caller);
        open.add(stream.body());
        assertThat(stream.statusCode()).isEqualTo(200);
    }

    private static JsonNode problem(HttpResponse<Stream<String>> response) throws Exception {
        try (Stream<String> lines = response.body()) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            return new ObjectMapper().readTree(String.join("\n", lines.toList()));
        }
    }

    @Test
    void aTicketOpensOneStreamOnly() throws Exception {
        String ticket = ticket(shop.asSeller(shop.seller()));
        HttpResponse<Stream<String>> first = openStream(ticket, "from=PT5M");
        open.add(first.body());
        assertThat(first.statusCode()).isEqualTo(200);

        HttpResponse<Stream<String>> replayed = openStream(ticket, "from=PT5M");

        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(problem(replayed).path("detail").asText()).contains("already used");
    }

    @Test
    void streamsAreCappedPerAccountAndInTotal() throws Exception {
        ApiClient seller = shop.asSeller(shop.seller());
        keepOpen(seller);
        keepOpen(seller);

        HttpResponse<Stream<String>> third = openStream(seller);

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(problem(third).path("detail").asText()).contains("this account");

        ApiClient other = shop.asSeller(shop.seller());
        keepOpen(other);
        HttpResponse<Stream<String>> beyondTotal = openStream(shop.asSeller(shop.seller()));
        assertThat(beyondTotal.statusCode()).isEqualTo(429);
        assertThat(problem(beyondTotal).path("detail").asText()).contains("the server");
    }

    @Test
    void aStreamThatEndsGivesItsPlaceBack() throws Exception {
        ApiClient seller = shop.asSeller(shop.seller());
        keepOpen(seller);
        keepOpen(seller);
        open.remove(0).close();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<Stream<String>> again = openStream(seller);
            if (again.statusCode() == 200) {
                open.add(again.body());
                return true;
            }
            again.body().close();
            return false;
        });
    }

    @Test
    void analyticsQueriesOverTheBucketBoundAre400() throws Exception {
        ApiClient.Response hourlyFor400Days = shop.admin().get("/api/analytics/orders?granularity=hour&from=P400D");

        assertThat(hourlyFor400Days.status()).isEqualTo(400);
        assertThat(hourlyFor400Days.contentType()).startsWith("application/problem+json");
        assertThat(hourlyFor400Days.json().path("field").asText()).isEqualTo("granularity");
        assertThat(hourlyFor400Days.json().path("maxBuckets").asInt()).isEqualTo(LIMITS.maxAnalyticsBuckets());
        assertThat(shop.admin().get("/api/analytics/orders?granularity=minute&from=P2D").status()).isEqualTo(400);
        assertThat(shop.admin().get("/api/analytics/orders?granularity=day&from=P400D").status()).isEqualTo(200);
        ApiClient.Response unasked = shop.admin().get("/api/analytics/orders?from=P7D");
        assertThat(unasked.status()).as("no granularity asked: the finest within the bound").isEqualTo(200);
        assertThat(unasked.json().path("granularity").asText()).isEqualTo("hour");
        assertThat(shop.admin().get("/api/analytics/top-products?from=P7D").status()).isEqualTo(200);

        HttpResponse<Stream<String>> costlyStream = openStream(ticket(shop.admin()), "granularity=hour&from=P300D");
        assertThat(costlyStream.statusCode()).isEqualTo(400);
        assertThat(problem(costlyStream).path("field").asText()).isEqualTo("granularity");
    }
}
