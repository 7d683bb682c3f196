package dev.streamcart.serving.catalog;

import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CategoryTreeApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final ApiClient admin = shop.admin();
    private final Db db = SERVER.db();

    @Test
    void theTreeNestsChildrenUnderTheirParentsAndACategoryShowsItsPathAndChildren() {
        long home = category("Home " + System.nanoTime(), null);
        long kitchen = category("Kitchen", home);
        long mugs = category("Mugs", kitchen);
        long pans = category("Pans", kitchen);
        long travelMugs = category("Travel mugs", mugs);

        JsonNode tree = SERVER.client().get("/api/categories").json();
        JsonNode homeNode = find(tree.path("categories"), home);
        assertThat(homeNode).as("home is a root").isNotNull();
        assertThat(homeNode.path("level").asInt()).isEqualTo(1);
        JsonNode kitchenNode = homeNode.path("children").get(0);
        assertThat(kitchenNode.path("id").asLong()).isEqualTo(kitchen);
        assertThat(ids(kitchenNode.path("children"))).containsExactly(mugs, pans);
        assertThat(kitchenNode.path("children").get(0).path("children").get(0).path("id").asLong()).isEqualTo(travelMugs);
        assertThat(find(tree.path("categories"), mugs)).as("mugs is not a root").isNull();

        ApiClient.Response detail = SERVER.client().get("/api/categories/" + mugs);
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        assertThat(ids(detail.json().path("path"))).containsExactly(home, kitchen, mugs);
        assertThat(ids(detail.json().path("children"))).containsExactly(travelMugs);
        assertThat(detail.json().path("level").asInt()).isEqualTo(3);
        assertThat(detail.json().path("parentId").asLong()).isEqualTo(kitchen);
        assertThat(SERVER.client().get("/api/categories/" + home).json().path("parentId").isNull()).isTrue();
    }

    @Test
    void aCategoryCannotMoveUnderItselfOrItsDescendantsAndAMoveRelevelsItsSubtree() {
        long a = category("A", null);
        long b = category("B", a);
        long c = category("C", b);
        long other = category("Other", null);

        assertProblem(admin.patch("/api/categories/" + a, json("parentId", c)), 422);
        assertProblem(admin.patch("/api/categories/" + a, json("parentId", a)), 422);
        assertProblem(admin.patch("/api/categories/" + b, json("parentId", c)), 422);
        assertThat(db.single("SELECT parent_id FROM categories WHERE id = ?", a).get("parent_id")).isNull();

        ApiClient.Response moved = admin.patch("/api/categories/" + b, json("parentId", other, "name", "B moved"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("name").asText()).isEqualTo("B moved");
        assertThat(ids(SERVER.client().get("/api/categories/" + c).json().path("path"))).containsExactly(other, b, c);

        ApiClient.Response toRoot = admin.patch("/api/categories/" + b, "{\"parentId\":null}");
        assertThat(toRoot.status()).as(toRoot.toString()).isEqualTo(200);
        assertThat(db.single("SELECT level FROM categories WHERE id = ?", b).get("level")).isEqualTo(1);
        assertThat(db.single("SELECT level FROM categories WHERE id = ?", c).get("level")).isEqualTo(2);
    }

    @Test
    void unknownParentsAndCategoriesAndBadInputAreRefused() {
        long root = category("Root", null);
        assertProblem(admin.post("/api/categories", json("name", "Orphan", "parentId", 987654)), 422);
        assertProblem(admin.patch("/api/categories/" + root, json("parentId", 987654)), 422);
        assertProblem(admin.patch("/api/categories/987654", json("name", "Ghost")), 404);
        assertProblem(admin.patch("/api/categories/" + root, json("colour", "red")), 400);
        assertProblem(admin.patch("/api/categories/" + root, json("parentId", -1)), 400);
        assertProblem(SERVER.client().get("/api/categories/987654"), 404);
        assertProblem(SERVER.client().get("/api/categories/x"), 400);
    }

    @Test
    void onlyTheOperatorShapesTheTree() {
        long root = category("Operator's", null);
        long customer = shop.user();
        long seller = shop.seller();

        assertProblem(shop.as(customer).post("/api/categories", json("name", "Mine")), 403);
        assertProblem(shop.asSeller(seller).patch("/api/categories/" + root, json("name", "Mine")), 403);
        assertProblem(SERVER.client().patch("/api/categories/" + root, json("name", "Mine")), 401);
        assertThat(db.single("SELECT name FROM categories WHERE id = ?", root).get("name")).isEqualTo("Operator's");
    }

    private long category(String name, Long parent) {
        return Storefront.created(admin.post("/api/categories", parent == null ? json("name", name)
                : json("name", name, "parentId", parent)));
    }

    private static JsonNode find(JsonNode nodes, long id) {
        for (JsonNode node : nodes) {
            if (node.path("id").asLong() == id) {
                return node;
            }
        }
        return null;
    }

    private static List<Long> ids(JsonNode nodes) {
        List<Long> ids = new ArrayList<>();
        nodes.forEach(node -> ids.add(node.path("id").asLong()));
        return ids;
    }

    static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asText()).isNotBlank();
    }
}
