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
import dev.streamcart.serving.testing.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
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
    void catalogAndSearchResponsesCarryEveryFieldTheirSchemaRequires() {
        ApiClient client = SERVER.client();
        Storefront shop = new Storefront(client);
        ApiClient admin = shop.admin();
        long root = shop.category();
        ApiClient.Response child = admin.post("/api/categories", json("name", "Child", "parentId", root));
        long seller = shop.seller();
        ApiClient owner = shop.asSeller(seller);
        long product = owner.post("/api/products", json("categoryId", child.id(), "sku", "OPENAPI-CATALOG",
                "name", "Blue kettle", "price", "30.00", "brand", "Hearth", "weightGrams", 900,
                "attributes", json("colour", "blue"), "tags", java.util.List.of("kettle"),
                "images", java.util.List.of(json("url", "https://img.example.com/k.jpg")))).id();

        assertConforms(client.get("/api/categories"), "/api/categories", "get");
        assertConforms(client.get("/api/categories/" + child.id()), "/api/categories/{id}", "get");
        assertConforms(client.get("/api/categories/999999"), "/api/categories/{id}", "get");
        assertConforms(admin.patch("/api/categories/" + child.id(), json("name", "Kettles")), "/api/categories/{id}", "patch");
        assertConforms(admin.patch("/api/categories/" + root, json("parentId", child.id())), "/api/categories/{id}", "patch");
        assertConforms(client.get("/api/products/" + product), "/api/products/{id}", "get");
        assertConforms(owner.patch("/api/products/" + product, json("tags", java.util.List.of("tea"))), "/api/products/{id}", "patch");
        assertConforms(owner.patch("/api/products/" + product, json("price", "1.00")), "/api/products/{id}", "patch");
        assertConforms(shop.asSeller(shop.seller()).patch("/api/products/" + product, json("name", "x")), "/api/products/{id}", "patch");
        assertConforms(shop.as(shop.user()).patch("/api/products/" + product, json("name", "x")), "/api/products/{id}", "patch");
        assertConforms(owner.put("/api/products/" + product + "/price", json("price", "31.00")), "/api/products/{id}/price", "put");
        assertConforms(owner.put("/api/products/" + product + "/price", json("price", "-1")), "/api/products/{id}/price", "put");
        assertConforms(client.get("/api/search?q=kettle"), "/api/search", "get");
        assertConforms(client.get("/api/search?category=" + root + "&inStock=false&sort=price_desc"), "/api/search", "get");
        assertConforms(client.get("/api/search?size=1000"), "/api/search", "get");
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
