package dev.streamcart.serving.catalog;

import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CatalogApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final ApiClient client = shop.admin(); // the operator: every route, anyone\'s order (ownership is tested in AccessControlTest)
    private final Db db = SERVER.db();

    @Test
    void aProductIsCreatedAndReadBackWithItsPriceAsADecimalString() {
        long seller = shop.seller();
        long category = shop.category();
        ApiClient.Response created = client.post("/api/products", json("sellerId", seller, "categoryId", category,
                "sku", "MUG-001", "name", "Mug", "description", "A large mug", "price", "19.90", "currency", "eur"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        JsonNode product = client.get("/api/products/" + created.id()).json();

        assertThat(product.path("id").asLong()).isEqualTo(created.id());
        assertThat(product.path("sellerId").asLong()).isEqualTo(seller);
        assertThat(product.path("categoryId").asLong()).isEqualTo(category);
        assertThat(product.path("sku").asText()).isEqualTo("MUG-001");
        assertThat(product.path("description").asText()).isEqualTo("A large mug");
        assertThat(product.path("price").isTextual()).isTrue();
        assertThat(product.path("price").asText()).isEqualTo("19.90");
        assertThat(product.path("currency").asText()).isEqualTo("EUR");
        assertThat(product.path("active").asBoolean()).isTrue();
        assertThat(product.has("stock")).isTrue();
        assertThat(product.path("stock").isNull()).as("no read model without Kafka").isTrue();
        assertThat((BigDecimal) db.single("SELECT price FROM products WHERE id = ?", created.id()).get("price"))
                .isEqualByComparingTo("19.90");
    }

    @Test
    void categoriesFormATree() {
        long root = shop.category();
        ApiClient.Response child = client.post("/api/categories", json("name", "Mugs", "parentId", root));
        assertThat(child.status()).isEqualTo(201);
        ApiClient.Response grandChild = client.post("/api/categories", json("name", "Travel mugs", "parentId", child.id()));

        assertThat(db.single("SELECT parent_id, level FROM categories WHERE id = ?", grandChild.id()))
                .containsEntry("parent_id", child.id()).containsEntry("level", 3);
        assertThat(client.post("/api/categories", json("name", "Orphan", "parentId", 987654)).status()).isEqualTo(422);
    }

    @Test
    void receiptsAddStockPerProductAndWarehouse() {
        long product = shop.product("2.00");
        long warehouse = shop.warehouse();

        ApiClient.Response first = client.post("/api/inventory/receipts",
                json("productId", product, "warehouseId", warehouse, "quantity", 7));
        ApiClient.Response second = client.post("/api/inventory/receipts",
                json("productId", product, "warehouseId", warehouse, "quantity", 5));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("quantity").asInt()).isEqualTo(7);
        assertThat(second.json().path("productId").asLong()).isEqualTo(product);
        assertThat(second.json().path("warehouseId").asLong()).isEqualTo(warehouse);
        assertThat(second.json().path("quantity").asInt()).isEqualTo(12);
        assertThat(second.json().path("reserved").asInt()).isZero();
        assertThat(db.single("SELECT quantity, low_stock_threshold, reorder_point FROM inventory WHERE product_id = ?", product))
                .containsEntry("quantity", 12).containsEntry("low_stock_threshold", 10).containsEntry("reorder_point", 5);
    }

    @Test
    void aUserIsCreatedWithABcryptHashAndThePasswordIsNeverReturned() {
        ApiClient.Response response = client.post("/api/users", json("email", "Grace@Example.com",
                "password", "s3cret-enough", "firstName", "Grace", "lastName", "Hopper"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).doesNotContain("s3cret-enough").doesNotContain("password");
        Map<String, Object> row = db.single("SELECT email, password_hash FROM users WHERE id = ?", response.id());
        assertThat(row.get("email")).isEqualTo("grace@example.com");
        assertThat((String) row.get("password_hash")).startsWith("$2a$").doesNotContain("s3cret-enough");
        assertThat(client.post("/api/users", json("email", "grace@example.com", "password", "another-secret",
                "firstName", "G", "lastName", "H")).status()).as("same e-mail, any case").isEqualTo(409);
        assertThat(client.post("/api/users", json("email", "short@example.com", "password", "short",
                "firstName", "S", "lastName", "P")).status()).as("weak password").isEqualTo(400);
    }

    @Test
    void badCatalogInputIsRefusedWithProblemDocumentsAndChangesNothing() {
        long seller = shop.seller();
        long category = shop.category();
        long products = db.count("SELECT count(*) FROM products");
        Map<String, Integer> productBodies = Map.of(
                "{\"sellerId\":" + seller + ",\"categoryId\":" + category + ",\"sku\":\"A\",\"name\":\"A\",\"price\":\"-1.00\"}", 400,
                "{\"sellerId\":" + seller + ",\"categoryId\":" + category + ",\"sku\":\"B\",\"name\":\"B\",\"price\":\"1.999\"}", 400,
                "{\"sellerId\":" + seller + ",\"categoryId\":" + category + ",\"sku\":\"C\",\"name\":\"C\",\"price\":\"ten\"}", 400,
                "{\"sellerId\":" + seller + ",\"categoryId\":" + category + ",\"sku\":\"D\",\"price\":\"1.00\"}", 400,
                "{\"sellerId\":" + seller + ",\"categoryId\":" + category + ",\"sku\":\"E\",\"name\":\"E\",\"price\":\"1.00\",\"currency\":\"XXXX\"}", 400,
                "{\"sellerId\":777777,\"categoryId\":" + category + ",\"sku\":\"F\",\"name\":\"F\",\"price\":\"1.00\"}", 422,
                "{\"sellerId\":" + seller + ",\"categoryId\":777777,\"sku\":\"G\",\"name\":\"G\",\"price\":\"1.00\"}", 422,
                "{\"sellerId\":" + seller + ",", 400,
                "", 400);
        productBodies.forEach((body, status) -> {
            ApiClient.Response response = client.post("/api/products", body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(status);
            assertProblem(response, status);
        });
        assertThat(db.count("SELECT count(*) FROM products")).isEqualTo(products);

        long product = shop.product(seller, category, "1.00");
        String sku = (String) db.single("SELECT sku FROM products WHERE id = ?", product).get("sku");
        ApiClient.Response duplicate = client.post("/api/products", json("sellerId", seller, "categoryId", category,
                "sku", sku, "name", "Copy", "price", "1.00"));
        assertProblem(duplicate, 409);

        long warehouse = shop.warehouse();
        assertProblem(client.post("/api/inventory/receipts", json("productId", product, "warehouseId", warehouse,
                "quantity", -3)), 400);
        assertProblem(client.post("/api/inventory/receipts", json("productId", product, "warehouseId", warehouse,
                "quantity", 0)), 400);
        assertProblem(client.post("/api/inventory/receipts", json("productId", 555555, "warehouseId", warehouse,
                "quantity", 3)), 422);
        assertThat(db.count("SELECT count(*) FROM inventory WHERE product_id = ?", product)).isZero();

        assertProblem(client.post("/api/sellers", json("name", "No mail")), 400);
        assertProblem(client.post("/api/sellers", json("name", "Bad mail", "email", "not-an-email")), 400);
        assertProblem(client.post("/api/warehouses", json("region", "nowhere")), 400);
    }

    @Test
    void unknownResourcesAreProblemDocumentsToo() {
        assertProblem(client.get("/api/products/987654321"), 404);
        assertProblem(client.get("/api/products/not-a-number"), 400);
        assertProblem(client.get("/api/no-such-thing"), 404);
        assertProblem(client.get("/api/orders/12345"), 404);
        assertProblem(client.get("/api/stock/12345"), 404);
        assertProblem(client.get("/api/analytics/sales"), 503);
    }

    @Test
    void healthIsUpWhenPostgresIsAndTheUnconfiguredPartsAreDisabled() {
        ApiClient.Response response = client.get("/health");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode health = response.json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.fieldNames()).toIterable().containsExactly("status", "components");
        assertThat(health.path("components").path("postgres").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("kafka").path("status").asText()).isEqualTo("DISABLED");
        assertThat(health.path("components").path("stockReadModel").path("status").asText()).isEqualTo("DISABLED");
        assertThat(health.path("components").path("orderReadModel").path("status").asText()).isEqualTo("DISABLED");
        assertThat(health.path("components").path("clickhouse").path("status").asText()).isEqualTo("DISABLED");
        assertThat(health.path("components").path("recommender").path("status").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void theDashboardIsAPageFedByTheAnalyticsStreamWithItsChartLibraryServedLocally() {
        ApiClient.Response page = client.get("/dashboard");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("/api/analytics/stream-tickets").contains("/webjars/echarts/")
                .doesNotContain("<script src=\"http");
        assertThat(client.get("/webjars/echarts/5.3.1/dist/echarts.min.js").status()).isEqualTo(200);
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
    }
}
