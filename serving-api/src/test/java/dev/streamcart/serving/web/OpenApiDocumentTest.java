package dev.streamcart.serving.web;

import static dev.streamcart.serving.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.streamcart.serving.ServingApi;
import dev.streamcart.serving.photos.TestImages;
import dev.streamcart.serving.testing.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.OtherVerbs;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Holds the running API to its hand-written OpenAPI document, in both directions. */
class OpenApiDocumentTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static JsonNode document;

    @BeforeAll
    static void readDocument() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void everyRegisteredRouteIsDocumented() {
        List<ServingApi.Route> routes = SERVER.api().routes();

        assertThat(routes).hasSizeGreaterThanOrEqualTo(18);
        assertThat(routes).allSatisfy(route -> assertThat(document.path("paths").path(route.path())
                .has(route.method().toLowerCase(Locale.ROOT))).as(route + " in openapi.yaml").isTrue());
    }

    @Test
    void everyDocumentedOperationIsServed() {
        List<ServingApi.Route> documented = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method ->
                documented.add(new ServingApi.Route(method.toUpperCase(Locale.ROOT), path.getKey()))));

        assertThat(SERVER.api().routes()).containsAll(documented);
    }

    @Test
    void theDocumentIsServedAndIsOpenApi31() {
        ApiClient.Response response = SERVER.client().get("/openapi.yaml");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).startsWith("openapi: 3.1.0");
    }

    @Test
    void responsesCarryEveryFieldTheirSchemaRequires() {
        Storefront shop = new Storefront(SERVER.client());
        ApiClient client = shop.admin();
        long product = shop.product("4.20");
        long warehouse = shop.warehouse();
        ApiClient.Response receipt = client.post("/api/inventory/receipts",
                json("productId", product, "warehouseId", warehouse, "quantity", 9));
        long user = shop.user();
        ApiClient.Response order = shop.placeOrder(user, product, 2);
        ApiClient.Response payment = shop.pay(order.id(), "4242424242424242");
        ApiClient.Response declined = shop.pay(shop.placeOrder(user, product, 1).id(), "4000000000000002");
        ApiClient.Response cancelled = client.post("/api/orders/" + shop.placeOrder(user, product, 1).id() + "/cancel", "");

        assertConforms(receipt, "/api/inventory/receipts", "post");
        assertConforms(client.get("/api/products/" + product), "/api/products/{id}", "get");
        assertConforms(order, "/api/orders", "post");
        assertConforms(payment, "/api/orders/{id}/payments", "post");
        assertConforms(declined, "/api/orders/{id}/payments", "post");
        assertConforms(cancelled, "/api/orders/{id}/cancel", "post");
        assertConforms(client.get("/health"), "/health", "get");
        assertConforms(client.get("/api/recommendations/" + user), "/api/recommendations/{userId}", "get");
        assertConforms(client.post("/api/admin/models/reload", ""), "/api/admin/models/reload", "post");
        assertConforms(client.get("/api/products/999999"), "/api/products/{id}", "get");
        assertConforms(client.post("/api/sellers", json("name", "x")), "/api/sellers", "post");
    }

    @Test
    void shippingRefundAndNotificationResponsesMatchTheirSchemas() {
        Storefront shop = new Storefront(SERVER.client());
        ApiClient client = shop.admin();
        long product = shop.product("7.00");
        shop.receive(product, shop.warehouse(), 10);
        long user = shop.user();
        long shipped = shop.placeOrder(user, product, 2).id();
        shop.pay(shipped, "4242424242424242");
        long refunded = shop.placeOrder(user, product, 1).id();
        shop.pay(refunded, "4242424242424242");

        ApiClient.Response fulfilling = client.post("/api/orders/" + shipped + "/fulfil", "");
        ApiClient.Response shipment = client.post("/api/orders/" + shipped + "/shipments",
                json("carrier", "streampost", "trackingNumber", "OA-" + shipped));
        ApiClient.Response delivered = client.post("/api/shipments/" + shipment.id() + "/tracking-events",
                json("status", "DELIVERED", "location", "Door"));
        ApiClient.Response refund = client.post("/api/orders/" + refunded + "/refunds", json("reason", "test"),
                "Idempotency-Key", "openapi-" + refunded);

        assertConforms(client.get("/api/orders/" + shipped + "/shipping-options?region=us-east"),
                "/api/orders/{id}/shipping-options", "get");
        assertConforms(fulfilling, "/api/orders/{id}/fulfil", "post");
        assertConforms(shipment, "/api/orders/{id}/shipments", "post");
        assertConforms(delivered, "/api/shipments/{id}/tracking-events", "post");
        assertConforms(client.get("/api/orders/" + shipped + "/tracking"), "/api/orders/{id}/tracking", "get");
        assertConforms(refund, "/api/orders/{id}/refunds", "post");
        assertConforms(client.post("/api/orders/" + refunded + "/refunds", json("reason", "again"),
                "Idempotency-Key", "openapi-again-" + refunded), "/api/orders/{id}/refunds", "post");
        assertConforms(client.get("/api/users/" + user + "/notifications"), "/api/users/{id}/notifications", "get");
    }

    @Test
    void reviewSellerAndProfileResponsesMatchTheirSchemas() {
        Storefront shop = new Storefront(SERVER.client());
        ApiClient admin = shop.admin();
        long seller = shop.seller();
        long product = shop.product(seller, shop.category(), "8.00");
        shop.receive(product, shop.warehouse(), 10);
        long buyer = shop.user();
        ApiClient me = shop.as(buyer);
        long order = shop.placeOrder(buyer, product, 1).id();
        shop.pay(order, "4242424242424242");
        ApiClient.Response review = me.post("/api/products/" + product + "/reviews",
                json("rating", 4, "title", "Good", "text", "Does the job."));
        ApiClient.Response address = me.post("/api/users/" + buyer + "/addresses", json("type", "shipping",
                "firstName", "Ada", "lastName", "Lovelace", "line1", "1 Main St", "city", "Leeds", "postalCode", "LS1 1AA",
                "country", "GB"));

        assertConforms(me.get("/api/users/" + buyer), "/api/users/{id}", "get");
        assertConforms(OtherVerbs.patch(me, "/api/users/" + buyer, json("phone", "+44 113 496 0000")), "/api/users/{id}", "patch");
        assertConforms(address, "/api/users/{id}/addresses", "post");
        assertConforms(me.get("/api/users/" + buyer + "/addresses"), "/api/users/{id}/addresses", "get");
        assertConforms(OtherVerbs.patch(me, "/api/users/" + buyer + "/addresses/" + address.id(), json("line2", "Flat 1")),
                "/api/users/{id}/addresses/{addressId}", "patch");
        assertConforms(me.get("/api/users/" + buyer + "/preferences"), "/api/users/{id}/preferences", "get");
        assertConforms(OtherVerbs.put(me, "/api/users/" + buyer + "/preferences", json("language", "fr")),
                "/api/users/{id}/preferences", "put");
        assertConforms(shop.as(shop.user()).get("/api/users/" + buyer), "/api/users/{id}", "get");
        assertConforms(SERVER.client().get("/api/sellers/" + seller), "/api/sellers/{id}", "get");
        assertConforms(admin.post("/api/admin/sellers/" + seller + "/verify", ""), "/api/admin/sellers/{id}/verify", "post");
        assertConforms(OtherVerbs.put(admin, "/api/admin/sellers/" + seller + "/commission", json("commissionRate", "9.99")),
                "/api/admin/sellers/{id}/commission", "put");
        assertConforms(shop.asSeller(seller).get("/api/sellers/me/orders"), "/api/sellers/me/orders", "get");
        assertConforms(shop.asSeller(seller).get("/api/sellers/me/sales"), "/api/sellers/me/sales", "get");
        assertConforms(review, "/api/products/{id}/reviews", "post");
        assertConforms(me.post("/api/products/" + product + "/reviews", json("rating", 4, "title", "Again", "text", "x")),
                "/api/products/{id}/reviews", "post");
        assertConforms(shop.as(shop.user()).post("/api/products/" + product + "/reviews",
                json("rating", 4, "title", "Never bought", "text", "x")), "/api/products/{id}/reviews", "post");
        assertConforms(OtherVerbs.postBytes(me, "/api/reviews/" + review.id() + "/photos", "image/png",
                TestImages.png(1)), "/api/reviews/{id}/photos", "post");
        assertConforms(OtherVerbs.postBytes(me, "/api/reviews/" + review.id() + "/photos", "image/gif", new byte[] {1}),
                "/api/reviews/{id}/photos", "post");
        assertConforms(shop.as(shop.user()).post("/api/reviews/" + review.id() + "/helpful", ""),
                "/api/reviews/{id}/helpful", "post");
        assertConforms(SERVER.client().get("/api/products/" + product + "/reviews?sort=helpful"),
                "/api/products/{id}/reviews", "get");
        assertConforms(SERVER.client().get("/api/photos/" + "0".repeat(64)), "/api/photos/{sha256}", "get");
    }

    // payments: every payment outcome against its documented schema
    @Test
    void paymentResponsesMatchTheirSchemas() {
        Storefront shop = new Storefront(SERVER.client());
        long seller = shop.seller();
        long product = shop.product(seller, shop.category(), "8.00");
        shop.receive(product, shop.warehouse(), 50);
        long user = shop.user();
        ApiClient buyer = shop.as(user);
        String payments = "/api/orders/{id}/payments";

        assertConforms(buyer.post("/api/orders/" + shop.placeOrder(user, product, 1).id() + "/payments",
                json("method", "wallet", "walletId", "wal_openapi"), "Idempotency-Key", "oa-wallet-" + user), payments, "post");
        assertConforms(shop.pay(shop.placeOrder(user, product, 1).id(), "4000000000000069"), payments, "post");
        assertConforms(shop.pay(shop.placeOrder(user, product, 1).id(), "4000000000000119"), payments, "post");
        long manual = shop.placeOrder(user, product, 1).id();
        assertConforms(buyer.post("/api/orders/" + manual + "/payments", json("method", "card", "cardNumber",
                "4242424242424242", "capture", "manual"), "Idempotency-Key", "oa-manual-" + manual), payments, "post");
        assertConforms(shop.asSeller(seller).post("/api/orders/" + manual + "/payments/capture", ""),
                "/api/orders/{id}/payments/capture", "post");
        long voided = shop.placeOrder(user, product, 1).id();
        buyer.post("/api/orders/" + voided + "/payments", json("method", "bank_transfer", "iban", "GB82WEST12345698765432",
                "capture", "manual"), "Idempotency-Key", "oa-void-" + voided);
        assertConforms(buyer.post("/api/orders/" + voided + "/payments/void", ""), "/api/orders/{id}/payments/void", "post");
        long repriced = shop.placeOrder(user, product, 1).id();
        SERVER.execute("UPDATE products SET price = 9.00 WHERE id = " + product);
        ApiClient.Response blocked = shop.pay(repriced, "4242424242424242");
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(402);
        assertConforms(blocked, payments, "post");
    }

    private static void assertConforms(ApiClient.Response response, String path, String method) {
        JsonNode declared = document.path("paths").path(path).path(method).path("responses")
                .path(Integer.toString(response.status()));
        assertThat(declared.isMissingNode()).as(method + " " + path + " does not declare " + response).isFalse();
        declared = resolve(declared);
        Iterator<Map.Entry<String, JsonNode>> contents = declared.path("content").properties().iterator();
        assertThat(contents.hasNext()).as("content of " + response.status()).isTrue();
        Map.Entry<String, JsonNode> content = contents.next();
        assertThat(response.contentType()).as(method + " " + path).startsWith(content.getKey());
        List<String> problems = new ArrayList<>();
        check(content.getValue().path("schema"), response.json(), "$", problems);
        assertThat(problems).as(method + " " + path + " -> " + response).isEmpty();
    }

    /** A small subset of JSON Schema: $ref, allOf, required, properties, items, type string/integer/boolean. */
    private static void check(JsonNode schema, JsonNode value, String where, List<String> problems) {
        schema = resolve(schema);
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, where, problems);
        }
        JsonNode type = schema.path("type");
        if (type.isTextual() && !matchesType(type.asText(), value)) {
            problems.add(where + " should be " + type.asText() + " but is " + value);
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(where + " lacks required '" + required.asText() + "'");
            }
        }
        schema.path("properties").properties().forEach(property -> {
            if (value.has(property.getKey()) && !value.get(property.getKey()).isNull()) {
                check(property.getValue(), value.get(property.getKey()), where + "." + property.getKey(), problems);
            }
        });
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.path("items"), value.get(i), where + "[" + i + "]", problems);
            }
        }
    }

    private static boolean matchesType(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String[] segments = node.path("$ref").asText().substring(2).split("/");
            JsonNode target = document;
            for (String segment : segments) {
                target = target.path(segment);
            }
            node = target;
        }
        return node;
    }
}
