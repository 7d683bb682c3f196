package dev.streamcart.serving.badinput;

import static dev.streamcart.serving.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.badinput.BadInput.Caller;
import dev.streamcart.serving.testing.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@link BadInputTable}, sent over real HTTP to a real API on a real PostgreSQL: the
 * answer is the expected 4xx (never a 5xx), an {@code application/problem+json} document whose
 * {@code detail} names what is wrong, and no row of any table changed (a fingerprint of every
 * table, taken before and after).
 */
class BadInputTableTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final Map<String, String> placeholders = new LinkedHashMap<>();
    private static final Map<Caller, String> tokens = new LinkedHashMap<>();
    private static DatabaseFingerprint fingerprint;

    /** A store with one of everything the table refers to: the ids fill the table's placeholders. */
    @BeforeAll
    static void createFixture() {
        Storefront shop = new Storefront(SERVER.client());
        long seller = shop.seller();
        long otherSeller = shop.seller();
        long category = shop.category();
        long warehouse = shop.warehouse();
        long product = shop.product(seller, category, "5.00");
        shop.receive(product, warehouse, 50);
        long customer = shop.user();
        long otherCustomer = shop.user();
        long order = shop.placeOrder(customer, product, 1).id();
        long paidOrder = shop.placeOrder(customer, product, 2).id();
        assertThat(shop.pay(paidOrder, "4242424242424242").status()).isEqualTo(201);
        long shippedOrder = shop.placeOrder(customer, product, 1).id();
        shop.pay(shippedOrder, "4242424242424242");
        ApiClient.Response shipment = shop.admin().post("/api/orders/" + shippedOrder + "/shipments",
                json("carrier", "swiftship", "trackingNumber", "FIXTURE-1"));
        assertThat(shipment.status()).as(shipment.toString()).isEqualTo(201);
        ApiClient revoked = SERVER.client().login(ApiServerExtension.ADMIN_EMAIL, ApiServerExtension.ADMIN_PASSWORD);
        assertThat(revoked.post("/api/auth/logout", "").status()).isEqualTo(204);

        // longer names first, so "@order" never eats the start of "@orderSomething"
        placeholders.put("@revokedToken", revoked.bearerToken());
        placeholders.put("@paidOrder", Long.toString(paidOrder));
        placeholders.put("@otherCustomer", Long.toString(otherCustomer));
        placeholders.put("@customer", Long.toString(customer));
        placeholders.put("@order", Long.toString(order));
        placeholders.put("@product", Long.toString(product));
        placeholders.put("@category", Long.toString(category));
        placeholders.put("@warehouse", Long.toString(warehouse));
        placeholders.put("@shipment", Long.toString(shipment.id()));
        placeholders.put("@seller", Long.toString(seller));

        tokens.put(Caller.CUSTOMER, shop.as(customer).bearerToken());
        tokens.put(Caller.OTHER_CUSTOMER, shop.as(otherCustomer).bearerToken());
        tokens.put(Caller.SELLER, shop.asSeller(seller).bearerToken());
        tokens.put(Caller.OTHER_SELLER, shop.asSeller(otherSeller).bearerToken());
        tokens.put(Caller.ADMIN, shop.admin().bearerToken());

        // the shipment notified the buyer; let the dispatcher mark it sent before anything is compared
        Db db = new Db(SERVER.database());
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM notifications WHERE delivered_at IS NULL") == 0);
        fingerprint = new DatabaseFingerprint(SERVER.database());
    }

    static Stream<BadInput> table() {
        return BadInputTable.all().stream();
    }

    @Test
    void theTableHasMoreThan200Cases() {
        assertThat(BadInputTable.all()).hasSizeGreaterThan(200);
        assertThat(BadInputTable.all().stream().map(BadInput::toString).distinct().count())
                .as("no two rows alike").isEqualTo(BadInputTable.all().size());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    void isRefusedWithAProblemNamingTheFaultAndChangesNothing(BadInput bad) throws Exception {
        Map<String, String> before = fingerprint.take();

        HttpResponse<String> response = send(bad);

        String body = response.body();
        assertThat(response.statusCode()).as("status; body: " + body).isEqualTo(bad.status());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(body).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.path("title").asText()).isNotBlank();
        String detail = problem.path("detail").asText();
        assertThat(detail).as("detail").isNotBlank();
        assertThat(detail.toLowerCase(Locale.ROOT)).as("detail names the fault")
                .contains(fill(bad.mentions()).toLowerCase(Locale.ROOT));
        assertThat(fingerprint.take()).as("no table changed").isEqualTo(before);
    }

    private static HttpResponse<String> send(BadInput bad) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.client().baseUrl() + fill(bad.path())))
                .timeout(Duration.ofSeconds(30));
        String token = tokens.get(bad.caller());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < bad.headers().size(); i += 2) {
            String value = bad.headers().get(i + 1).equals("@key") ? "bad-input-" + UUID.randomUUID() : fill(bad.headers().get(i + 1));
            request.setHeader(bad.headers().get(i), value);
        }
        if (bad.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(bad.method(), HttpRequest.BodyPublishers.ofString(fillJson(bad.body())));
        } else {
            request.method(bad.method(), HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Placeholders in a JSON body: a quoted placeholder becomes a JSON number. */
    private static String fillJson(String body) {
        String filled = body;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            filled = filled.replace("\"" + placeholder.getKey() + "\"", placeholder.getValue());
        }
        return fill(filled);
    }

    private static String fill(String text) {
        String filled = text;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            filled = filled.replace(placeholder.getKey(), placeholder.getValue());
        }
        return filled;
    }

}
