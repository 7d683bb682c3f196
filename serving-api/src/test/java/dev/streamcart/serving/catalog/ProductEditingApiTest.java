package dev.streamcart.serving.catalog;

import static dev.streamcart.serving.catalog.CategoryTreeApiTest.assertProblem;
import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProductEditingApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long seller;
    private long category;

    @BeforeEach
    void setUp() {
        seller = shop.seller();
        category = shop.category();
    }

    @Test
    void aSellerCreatesAProductWithBrandWeightAttributesTagsAndImages() {
        ApiClient.Response created = shop.asSeller(seller).post("/api/products", json(
                "categoryId", category, "sku", "KETTLE-" + UUID.randomUUID(), "name", "Steel kettle",
                "description", "Boils water fast", "price", "39.90", "brand", "Hearth",
                "weightGrams", 1200, "attributes", json("colour", "silver", "litres", 1.7, "cordless", true),
                "tags", List.of("Kitchen", "kettle", "KITCHEN"),
                "images", List.of(json("url", "https://img.example.com/k1.jpg", "altText", "Front"),
                        json("url", "https://img.example.com/k2.jpg"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        JsonNode product = SERVER.client().get("/api/products/" + created.id()).json();

        assertThat(product.path("sellerId").asLong()).isEqualTo(seller);
        assertThat(product.path("brand").asText()).isEqualTo("Hearth");
        assertThat(product.path("weightGrams").asInt()).isEqualTo(1200);
        assertThat(product.path("attributes").path("colour").asText()).isEqualTo("silver");
        assertThat(product.path("attributes").path("litres").decimalValue()).isEqualByComparingTo("1.7");
        assertThat(product.path("attributes").path("cordless").asBoolean()).isTrue();
        assertThat(product.path("attributes").has("weightGrams")).as("weight is its own field").isFalse();
        assertThat(product.path("tags")).extracting(JsonNode::asText).containsExactly("kitchen", "kettle");
        assertThat(product.path("images").get(0).path("url").asText()).isEqualTo("https://img.example.com/k1.jpg");
        assertThat(product.path("images").get(0).path("altText").asText()).isEqualTo("Front");
        assertThat(product.path("images").get(1).path("position").asInt()).isEqualTo(1);
        assertThat(product.path("images").get(1).path("altText").isNull()).isTrue();
        assertThat(product.path("ratingCount").asInt()).isZero();
        assertThat(product.path("ratingAverage").isNull()).isTrue();
        // shipping prices the parcel from this attribute
        assertThat(db.single("SELECT (attributes ->> 'weightGrams')::int AS w FROM products WHERE id = ?", created.id()))
                .containsEntry("w", 1200);
    }

    @Test
    void theOwningSellerEditsDetailsAndAbsentFieldsStayAsTheyWere() {
        long product = product("12.00");
        long otherCategory = shop.category();
        ApiClient owner = shop.asSeller(seller);
        owner.patch("/api/products/" + product, json("brand", "Acme", "weightGrams", 300,
                "attributes", json("size", "M"), "tags", List.of("shirt")));

        ApiClient.Response changed = owner.patch("/api/products/" + product, json("name", "Renamed shirt",
                "categoryId", otherCategory, "tags", List.of("cotton", "summer"), "active", false,
                "images", List.of(json("url", "http://cdn.example.com/s.png", "altText", "Shirt"))));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode body = changed.json();
        assertThat(body.path("name").asText()).isEqualTo("Renamed shirt");
        assertThat(body.path("categoryId").asLong()).isEqualTo(otherCategory);
        assertThat(body.path("active").asBoolean()).isFalse();
        assertThat(body.path("brand").asText()).as("absent: unchanged").isEqualTo("Acme");
        assertThat(body.path("weightGrams").asInt()).isEqualTo(300);
        assertThat(body.path("attributes").path("size").asText()).isEqualTo("M");
        assertThat(body.path("tags")).extracting(JsonNode::asText).containsExactly("cotton", "summer");
        assertThat(body.path("images")).hasSize(1);
        assertThat(body.path("price").asText()).isEqualTo("12.00");
        assertThat(SERVER.client().get("/api/products/" + product).json().path("name").asText()).isEqualTo("Renamed shirt");

        ApiClient.Response cleared = owner.patch("/api/products/" + product,
                "{\"brand\":null,\"weightGrams\":null,\"description\":null,\"images\":[],\"attributes\":{}}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().path("brand").isNull()).isTrue();
        assertThat(cleared.json().path("weightGrams").isNull()).isTrue();
        assertThat(cleared.json().path("images")).isEmpty();
        assertThat(cleared.json().path("attributes").size()).isZero();
        assertThat(db.count("SELECT count(*) FROM product_images WHERE product_id = ?", product)).isZero();
    }

    @Test
    void anotherSellerGetsNotFoundACustomerForbiddenAndNobodyChangesAnything() {
        long product = product("5.00");
        String name = shopName(product);
        long intruder = shop.seller();
        long customer = shop.user();
        Map<String, Object> change = json("name", "Hijacked");

        assertProblem(shop.asSeller(intruder).patch("/api/products/" + product, change), 404);
        assertProblem(shop.asSeller(intruder).put("/api/products/" + product + "/price", json("price", "0.01")), 404);
        assertProblem(shop.as(customer).patch("/api/products/" + product, change), 403);
        assertProblem(shop.as(customer).put("/api/products/" + product + "/price", json("price", "0.01")), 403);
        assertProblem(SERVER.client().patch("/api/products/" + product, change), 401);
        assertProblem(shop.asSeller(intruder).patch("/api/products/987654321", change), 404);

        assertThat(db.single("SELECT name, price::text AS price FROM products WHERE id = ?", product))
                .containsEntry("name", name).containsEntry("price", "5.00");
        assertThat(db.count("SELECT count(*) FROM product_price_history WHERE product_id = ?", product)).isZero();
        ApiClient.Response byAdmin = shop.admin().patch("/api/products/" + product, json("brand", "Operator fix"));
        assertThat(byAdmin.status()).as("the operator may fix any product").isEqualTo(200);
    }

    @Test
    void badEditsAreRefusedNamingTheFieldAndChangeNothing() {
        long product = product("7.00");
        String name = shopName(product);
        ApiClient owner = shop.asSeller(seller);
        Map<String, String> bodies = Map.ofEntries(
                Map.entry("{\"price\":\"1.00\"}", "price"),
                Map.entry("{\"currency\":\"EUR\"}", "currency"),
                Map.entry("{\"sku\":\"NEW\"}", "sku"),
                Map.entry("{\"colour\":\"red\"}", "colour"),
                Map.entry("{\"name\":\"\"}", "name"),
                Map.entry("{\"weightGrams\":0}", "weightGrams"),
                Map.entry("{\"weightGrams\":\"heavy\"}", "weightGrams"),
                Map.entry("{\"attributes\":[1,2]}", "attributes"),
                Map.entry("{\"attributes\":{\"size\":{\"nested\":true}}}", "attributes.size"),
                Map.entry("{\"attributes\":{\"weightGrams\":5}}", "attributes.weightGrams"),
                Map.entry("{\"tags\":\"one\"}", "tags"),
                Map.entry("{\"tags\":[\"ok\", 3]}", "tags[1]"),
                Map.entry("{\"tags\":[\"" + "x".repeat(51) + "\"]}", "tags[0]"),
                Map.entry("{\"images\":[{\"url\":\"javascript:alert(1)\"}]}", "images[0].url"),
                Map.entry("{\"images\":[{\"altText\":\"no url\"}]}", "images[0].url"),
                Map.entry("{\"active\":\"yes\"}", "active"),
                Map.entry("{\"categoryId\":987654}", "category"),
                Map.entry("{\"brand\":\"" + "b".repeat(101) + "\"}", "brand"),
                Map.entry("{\"name\":\"x'); DROP TABLE products; --\",\"brand\":7}", "brand"),
                Map.entry("[1]", "JSON object"),
                Map.entry("{\"name\":", "JSON"));
        bodies.forEach((body, field) -> {
            ApiClient.Response response = owner.patch("/api/products/" + product, body);
            assertThat(response.status()).as(body + " -> " + response).isIn(400, 422);
            assertThat(response.json().path("detail").asText()).as(body).contains(field);
        });
        Map<String, Object> row = db.single("SELECT name, brand, attributes::text AS a, tags::text AS t FROM products WHERE id = ?", product);
        assertThat(row).containsEntry("name", name).containsEntry("a", "{}").containsEntry("t", "{}");
        assertThat(row.get("brand")).isNull();
    }

    private long product(String price) {
        return shop.product(seller, category, price);
    }

    private String shopName(long product) {
        return (String) db.single("SELECT name FROM products WHERE id = ?", product).get("name");
    }
}
