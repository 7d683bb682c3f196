package dev.streamcart.serving.search;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Storefront.created;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Searches a small catalog built once through the API:
 * Kitchen > Mugs > Travel mugs, Kitchen > Kettles, and Garden.
 */
class ProductSearchApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static long kitchen;
    private static long mugs;
    private static long travelMugs;
    private static long kettles;
    private static long garden;
    private static long coffeeMug;
    private static long travelMug;
    private static long kettle;
    private static long hose;
    private static long inactiveCup;
    private static long teaMug;

    @BeforeAll
    static void buildCatalog() {
        Storefront shop = SERVER.storefront();
        ApiClient admin = shop.admin();
        kitchen = created(admin.post("/api/categories", json("name", "Kitchen")));
        mugs = created(admin.post("/api/categories", json("name", "Mugs", "parentId", kitchen)));
        travelMugs = created(admin.post("/api/categories", json("name", "Travel mugs", "parentId", mugs)));
        kettles = created(admin.post("/api/categories", json("name", "Kettles", "parentId", kitchen)));
        garden = created(admin.post("/api/categories", json("name", "Garden")));
        long seller = shop.seller();
        ApiClient owner = shop.asSeller(seller);

        coffeeMug = product(owner, mugs, "Ceramic coffee mug", "Hearth", "12.00", List.of("coffee"),
                "A sturdy mug", true, "https://img.example.com/mug.jpg");
        travelMug = product(owner, travelMugs, "Insulated travel mug", "Roam", "24.00", List.of("coffee", "travel"),
                "Keeps drinks hot", true, null);
        kettle = product(owner, kettles, "Steel kettle", "Hearth", "45.00", List.of(),
                "Boils water for coffee or tea", true, null);
        hose = product(owner, garden, "Garden hose", "Verde", "30.00", List.of("watering"), "Twenty metres", true, null);
        inactiveCup = product(owner, mugs, "Espresso coffee cup", "Roam", "8.00", List.of("coffee"), null, false, null);
        teaMug = product(owner, mugs, "Tea mug", "Hearth", "15.00", List.of("tea"), "For tea lovers", true, null);

        long warehouse = shop.warehouse();
        for (long product : List.of(coffeeMug, kettle, teaMug)) {
            shop.receive(product, warehouse, 5);
        }
        // every unit of the travel mug is reserved by an order: on hand, but not available
        shop.receive(travelMug, warehouse, 2);
        long buyer = shop.user();
        assertThat(shop.placeOrder(buyer, travelMug, 2).status()).isEqualTo(201);

        SERVER.execute("UPDATE products SET rating_avg = 4.50, rating_count = 10 WHERE id = " + coffeeMug);
        SERVER.execute("UPDATE products SET rating_avg = 3.00, rating_count = 2 WHERE id = " + kettle);
        SERVER.execute("UPDATE products SET rating_avg = 4.90, rating_count = 1 WHERE id = " + teaMug);
    }

    @Test
    void fullTextFindsNamesTagsAndDescriptionsRankingNameMatchesFirstAndSkipsInactiveProducts() {
        JsonNode result = search("q=coffee");

        assertThat(ids(result)).containsExactlyInAnyOrder(coffeeMug, travelMug, kettle).doesNotContain(inactiveCup);
        assertThat(ids(result).get(0)).as("a name match weighs most").isEqualTo(coffeeMug);
        assertThat(result.path("sort").asText()).isEqualTo("relevance");
        JsonNode first = result.path("items").get(0);
        assertThat(first.path("score").asDouble()).isPositive();
        assertThat(first.path("price").asText()).isEqualTo("12.00");
        assertThat(first.path("brand").asText()).isEqualTo("Hearth");
        assertThat(first.path("imageUrl").asText()).isEqualTo("https://img.example.com/mug.jpg");
        assertThat(first.path("ratingAverage").asText()).isEqualTo("4.50");
        assertThat(first.path("inStock").asBoolean()).isTrue();
    }

    @Test
    void webSearchSyntaxSupportsExclusionsPhrasesAndStemming() {
        assertThat(ids(search("q=" + encode("mug -travel")))).containsExactlyInAnyOrder(coffeeMug, teaMug);
        assertThat(ids(search("q=" + encode("\"coffee mug\"")))).containsExactly(coffeeMug);
        assertThat(ids(search("q=mugs"))).as("stemmed").containsExactlyInAnyOrder(coffeeMug, travelMug, teaMug);
        assertThat(ids(search("q=" + encode("hose or kettle")))).containsExactlyInAnyOrder(hose, kettle);
        assertThat(search("q=" + encode("'; DROP TABLE products; --")).path("total").asLong()).isZero();
        assertThat(search("q=hose").path("total").asLong()).as("still there").isEqualTo(1);
    }

    @Test
    void aCategoryFilterCoversItsWholeSubtree() {
        assertThat(ids(search("category=" + kitchen))).containsExactlyInAnyOrder(coffeeMug, travelMug, kettle, teaMug);
        assertThat(ids(search("category=" + mugs))).containsExactlyInAnyOrder(coffeeMug, travelMug, teaMug);
        assertThat(ids(search("category=" + travelMugs))).containsExactly(travelMug);
        assertThat(ids(search("category=" + garden + "&q=coffee"))).isEmpty();
        assertThat(search("category=987654").path("total").asLong()).isZero();
    }

    @Test
    void priceBrandRatingAndStockFiltersNarrowTheResults() {
        assertThat(ids(search("minPrice=12&maxPrice=24.00"))).containsExactlyInAnyOrder(coffeeMug, travelMug, teaMug);
        assertThat(ids(search("brand=Hearth"))).containsExactlyInAnyOrder(coffeeMug, kettle, teaMug);
        assertThat(ids(search("minRating=4.5"))).containsExactlyInAnyOrder(coffeeMug, teaMug);
        assertThat(ids(search("inStock=true"))).containsExactlyInAnyOrder(coffeeMug, kettle, teaMug);
        assertThat(ids(search("inStock=false"))).as("all reserved, or never received")
                .containsExactlyInAnyOrder(travelMug, hose);
        assertThat(ids(search("q=mug&brand=Hearth&inStock=true&maxPrice=12.00"))).containsExactly(coffeeMug);
        JsonNode onlyInStock = search("category=" + kitchen + "&inStock=true").path("facets").path("availability");
        assertThat(onlyInStock.path("inStock").asLong()).isEqualTo(3);
        assertThat(onlyInStock.path("outOfStock").asLong()).isZero();
        JsonNode onlyOut = search("category=" + kitchen + "&inStock=false").path("facets").path("availability");
        assertThat(onlyOut.path("inStock").asLong()).isZero();
        assertThat(onlyOut.path("outOfStock").asLong()).isEqualTo(1);
    }

    @Test
    void facetsCountTheWholeFilteredSetAcrossPages() {
        JsonNode result = search("category=" + kitchen + "&size=1");

        assertThat(result.path("total").asLong()).isEqualTo(4);
        assertThat(result.path("totalRelation").asText()).as("every match counted").isEqualTo("eq");
        assertThat(result.path("items")).hasSize(1);
        assertThat(result.path("totalPages").asLong()).isEqualTo(4);
        JsonNode facets = result.path("facets");
        assertThat(counts(facets.path("categories"), "id")).containsExactlyInAnyOrderEntriesOf(Map.of(
                Long.toString(mugs), 2L, Long.toString(travelMugs), 1L, Long.toString(kettles), 1L));
        assertThat(facets.path("categories").get(0).path("name").asText()).isEqualTo("Mugs");
        assertThat(counts(facets.path("brands"), "brand")).containsExactlyInAnyOrderEntriesOf(Map.of("Hearth", 3L, "Roam", 1L));
        assertThat(facets.path("availability").path("inStock").asLong()).isEqualTo(3);
        assertThat(facets.path("availability").path("outOfStock").asLong()).isEqualTo(1);
        JsonNode ranges = facets.path("priceRanges");
        assertThat(ranges).hasSize(7);
        assertThat(ranges.get(1).path("from").asText()).isEqualTo("10.00");
        assertThat(ranges.get(1).path("to").asText()).isEqualTo("25.00");
        assertThat(ranges.get(1).path("count").asLong()).as("12, 15 and 24").isEqualTo(3);
        assertThat(ranges.get(2).path("count").asLong()).as("45").isEqualTo(1);
        assertThat(ranges.get(6).path("to").isNull()).isTrue();
    }

    @Test
    void sortsAndPagesAreStable() {
        assertThat(ids(search("category=" + kitchen + "&sort=price_asc"))).containsExactly(coffeeMug, teaMug, travelMug, kettle);
        assertThat(ids(search("category=" + kitchen + "&sort=price_desc"))).containsExactly(kettle, travelMug, teaMug, coffeeMug);
        assertThat(ids(search("category=" + kitchen + "&sort=rating"))).containsExactly(teaMug, coffeeMug, kettle, travelMug);
        assertThat(ids(search("category=" + kitchen + "&sort=newest"))).containsExactly(teaMug, kettle, travelMug, coffeeMug);
        assertThat(search("category=" + kitchen).path("sort").asText()).as("relevance without q").isEqualTo("newest");

        List<Long> pages = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode result = search("category=" + kitchen + "&sort=price_asc&size=2&page=" + page);
            assertThat(result.path("page").asInt()).isEqualTo(page);
            assertThat(result.path("total").asLong()).isEqualTo(4);
            pages.addAll(ids(result));
        }
        assertThat(pages).containsExactly(coffeeMug, teaMug, travelMug, kettle);
    }

    @Test
    void pastTheExactLimitTheTotalIsALowerBoundAndTheFacetsCountTheMatchesExamined() {
        // the API counts 10,000 matches exactly; the same code with a limit of 2 over this catalog
        ProductSearch bounded = new ProductSearch(new Transactions(SERVER.database()), Duration.ZERO, 2);

        SearchResult kitchenByPrice = bounded.search(request("category", Long.toString(kitchen), "sort", "price_asc"));
        assertThat(kitchenByPrice.total()).isEqualTo(2);
        assertThat(kitchenByPrice.totalRelation()).isEqualTo(SearchResult.AT_LEAST);
        SearchResult.Facets facets = kitchenByPrice.facets();
        assertThat(facets.availability().inStock() + facets.availability().outOfStock()).isEqualTo(2);
        assertThat(facets.categories().stream().mapToLong(SearchResult.CategoryCount::count).sum()).isEqualTo(2);
        assertThat(facets.priceRanges().stream().mapToLong(SearchResult.PriceRangeCount::count).sum()).isEqualTo(2);
        assertThat(kitchenByPrice.items()).extracting(SearchResult.Hit::id)
                .as("a sort other than relevance still pages through the whole filtered set")
                .containsExactly(coffeeMug, teaMug, travelMug, kettle);

        SearchResult coffee = bounded.search(request("q", "coffee"));
        assertThat(coffee.totalRelation()).isEqualTo(SearchResult.AT_LEAST);
        assertThat(coffee.total()).isEqualTo(2);
        assertThat(coffee.items()).as("relevance ranks the matches examined").hasSize(2)
                .allSatisfy(hit -> assertThat(List.of(coffeeMug, travelMug, kettle)).contains(hit.id()));

        SearchResult exactly = new ProductSearch(new Transactions(SERVER.database()), Duration.ZERO, 3)
                .search(request("q", "coffee"));
        assertThat(exactly.totalRelation()).as("no fourth match").isEqualTo(SearchResult.EXACT);
        assertThat(exactly.total()).isEqualTo(3);
        assertThat(exactly.items().get(0).id()).isEqualTo(coffeeMug);
    }

    @Test
    void pagesSortedFromTheMatchesInHandEqualPagesReadInIndexOrder() {
        // a limit of 1 makes every sort but relevance read its page with ORDER BY in PostgreSQL
        ProductSearch inHand = new ProductSearch(new Transactions(SERVER.database()), Duration.ZERO);
        ProductSearch inDatabase = new ProductSearch(new Transactions(SERVER.database()), Duration.ZERO, 1);
        for (String sort : List.of("price_asc", "price_desc", "rating", "newest")) {
            for (String query : List.of("", "coffee", "mug")) {
                SearchRequest request = query.isEmpty() ? request("sort", sort) : request("q", query, "sort", sort);
                SearchResult expected = inDatabase.search(request);
                SearchResult actual = inHand.search(request);
                assertThat(actual.totalRelation()).isEqualTo(SearchResult.EXACT);
                assertThat(actual.items()).as(sort + " " + query).isEqualTo(expected.items());
            }
        }
    }

    @Test
    void priceRangesStartAtTheirLowerEdge() {
        assertThat(ProductSearch.bucket(new BigDecimal("9.99"))).isZero();
        assertThat(ProductSearch.bucket(new BigDecimal("10.00"))).isEqualTo(1);
        assertThat(ProductSearch.bucket(new BigDecimal("499.99"))).isEqualTo(5);
        assertThat(ProductSearch.bucket(new BigDecimal("500.00"))).isEqualTo(6);
        assertThat(ProductSearch.bucket(new BigDecimal("12345.00"))).isEqualTo(6);
    }

    @Test
    void invalidParametersAreProblemsNamingTheParameter() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("category=abc", "category"),
                Map.entry("category=0", "category"),
                Map.entry("minPrice=-1", "minPrice"),
                Map.entry("minPrice=1.001", "minPrice"),
                Map.entry("maxPrice=cheap", "maxPrice"),
                Map.entry("minPrice=20&maxPrice=10", "minPrice"),
                Map.entry("minRating=6", "minRating"),
                Map.entry("minRating=x", "minRating"),
                Map.entry("inStock=yes", "inStock"),
                Map.entry("sort=cheapest", "sort"),
                Map.entry("page=0", "page"),
                Map.entry("page=100000", "page"),
                Map.entry("size=0", "size"),
                Map.entry("size=101", "size"),
                Map.entry("size=" + encode("1; DROP TABLE products"), "size"),
                Map.entry("q=" + "a".repeat(201), "q"),
                Map.entry("brand=" + "b".repeat(101), "brand"),
                Map.entry("colour=red", "colour"),
                Map.entry("q=a&q=b", "q"));
        cases.forEach((query, parameter) -> {
            ApiClient.Response response = SERVER.client().get("/api/search?" + query);
            assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("detail").asText()).as(query).contains("'" + parameter + "'");
        });
        assertThat(SERVER.db().count("SELECT count(*) FROM products")).isEqualTo(6);
    }

    @Test
    void availabilityFollowsReservationsAndReleasesAsTheyCommit() {
        Storefront shop = SERVER.storefront();
        long seller = shop.seller();
        long can = product(shop.asSeller(seller), garden, "Zinc watering can", "Verde", "19.00", List.of(), null, true, null);
        assertThat(inStock("zinc", can)).as("never received").isFalse();

        shop.receive(can, shop.warehouse(), 1);
        assertThat(inStock("zinc", can)).isTrue();

        long buyer = shop.user();
        ApiClient.Response order = shop.placeOrder(buyer, can, 1);
        assertThat(order.status()).isEqualTo(201);
        assertThat(inStock("zinc", can)).as("the only unit is reserved").isFalse();
        assertThat(ids(search("q=zinc&inStock=false"))).containsExactly(can);

        long orderId = order.json().path("id").asLong();
        assertThat(shop.as(buyer).post("/api/orders/" + orderId + "/cancel", "").status()).isEqualTo(200);
        assertThat(inStock("zinc", can)).as("released by the cancellation").isTrue();
        assertThat(ids(search("q=zinc&inStock=true"))).containsExactly(can);
    }

    private static boolean inStock(String query, long productId) {
        for (JsonNode item : search("q=" + query).path("items")) {
            if (item.path("id").asLong() == productId) {
                return item.path("inStock").asBoolean();
            }
        }
        throw new AssertionError("product " + productId + " not found by q=" + query);
    }

    private static SearchRequest request(String... nameValues) {
        Map<String, List<String>> query = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            query.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return SearchRequest.parse(query);
    }

    private static JsonNode search(String query) {
        ApiClient.Response response = SERVER.client().get("/api/search?" + query);
        assertThat(response.status()).as(query + " -> " + response).isEqualTo(200);
        return response.json();
    }

    private static List<Long> ids(JsonNode result) {
        List<Long> ids = new ArrayList<>();
        result.path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }

    private static Map<String, Long> counts(JsonNode facet, String key) {
        Map<String, Long> counts = new HashMap<>();
        facet.forEach(entry -> counts.put(entry.path(key).asText(), entry.path("count").asLong()));
        return counts;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static long product(ApiClient owner, long category, String name, String brand, String price, List<String> tags,
                                String description, boolean active, String image) {
        Map<String, Object> body = json("categoryId", category, "sku", "S-" + UUID.randomUUID(), "name", name,
                "brand", brand, "price", price, "tags", tags, "active", active);
        if (description != null) {
            body.put("description", description);
        }
        if (image != null) {
            body.put("images", List.of(json("url", image)));
        }
        return created(owner.post("/api/products", body));
    }
}
