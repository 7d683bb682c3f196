package dev.streamcart.loadgen.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import dev.streamcart.apiclient.Requests.OrderLine;
import dev.streamcart.loadgen.catalog.Catalog;
import org.junit.jupiter.api.Test;

class ShopperModelTest {

    private static final int CATEGORIES = 10;
    private static final int PRODUCTS_PER_CATEGORY = 20;
    private static final int SESSIONS = 40_000;

    /** 10 categories of 20 products; product id = 1000 + index, popularity rank = index; 100 users. */
    private static Catalog catalog() {
        List<Catalog.Category> categories = new ArrayList<>();
        List<Catalog.Product> products = new ArrayList<>();
        for (int c = 0; c < CATEGORIES; c++) {
            categories.add(new Catalog.Category(c + 1, "category " + c, null));
        }
        for (int i = 0; i < CATEGORIES * PRODUCTS_PER_CATEGORY; i++) {
            long category = i % CATEGORIES + 1;
            products.add(new Catalog.Product(1000 + i, 1, category, "SKU-" + i, "product " + i,
                    new BigDecimal("9.99"), i));
        }
        List<Catalog.User> users = new ArrayList<>();
        for (int u = 0; u < 100; u++) {
            users.add(new Catalog.User(u + 1, "user" + u + "@example.com", u % CATEGORIES + 1));
        }
        return new Catalog(Catalog.FORMAT_VERSION, "test", "2026-11-26T00:00:00Z", "http://127.0.0.1:1",
                List.of(new Catalog.Seller(1, "seller")), categories, List.of(new Catalog.Warehouse(1, "w", "r")),
                products, users);
    }

    private static Map<Long, Long> categoryOfProduct(Catalog catalog) {
        Map<Long, Long> categoryOf = new HashMap<>();
        catalog.products().forEach(product -> categoryOf.put(product.id(), product.categoryId()));
        return categoryOf;
    }

    private static List<SessionPlan> sessions(BehaviourSettings settings, long seed) {
        ShopperModel model = new ShopperModel(catalog(), settings);
        SplittableRandom random = new SplittableRandom(seed);
        List<SessionPlan> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            sessions.add(model.nextSession(random));
        }
        return sessions;
    }

    @Test
    void sameSeedGivesTheSameSessions() {
        assertThat(sessions(BehaviourSettings.defaults(), 5).subList(0, 50))
                .isEqualTo(sessions(BehaviourSettings.defaults(), 5).subList(0, 50));
    }

    @Test
    void popularProductsAreViewedFarMoreThanTheLongTail() {
        Map<Long, Integer> views = new HashMap<>();
        sessions(BehaviourSettings.defaults(), 11).forEach(session ->
                session.viewedProductIds().forEach(id -> views.merge(id, 1, Integer::sum)));
        int total = views.values().stream().mapToInt(Integer::intValue).sum();

        // the most popular product of each category (ids 1000..1009) versus the least popular ones (1190..1199)
        int head = 0;
        int tail = 0;
        for (int i = 0; i < CATEGORIES; i++) {
            head += views.getOrDefault(1000L + i, 0);
            tail += views.getOrDefault(1190L + i, 0);
        }
        assertThat(head).isGreaterThan(10 * tail);
        // the top 10% of products by popularity take close to half the views
        int top20 = 0;
        for (int i = 0; i < 20; i++) {
            top20 += views.getOrDefault(1000L + i, 0);
        }
        assertThat(top20 / (double) total).isGreaterThan(0.40);
    }

    @Test
    void shoppersMostlyViewAndBuyFromTheirPreferredCategory() {
        Map<Long, Long> categoryOf = categoryOfProduct(catalog());
        long views = 0;
        long preferredViews = 0;
        long items = 0;
        long preferredItems = 0;
        for (SessionPlan session : sessions(BehaviourSettings.defaults(), 13)) {
            for (long productId : session.viewedProductIds()) {
                views++;
                if (categoryOf.get(productId) == session.preferredCategoryId()) {
                    preferredViews++;
                }
            }
            if (session.checkout() != null) {
                for (OrderLine line : session.checkout().items()) {
                    items++;
                    if (categoryOf.get(line.productId()) == session.preferredCategoryId()) {
                        preferredItems++;
                    }
                }
            }
        }
        // 75% from the preferred category, plus its share of the store-wide picks (about 1 in 10)
        assertThat(preferredViews / (double) views).isCloseTo(0.775, within(0.02));
        assertThat(preferredItems / (double) items).isCloseTo(0.775, within(0.03));
    }

    @Test
    void conversionAndOrderEndingsMatchTheirSharesOverASeededRun() {
        List<SessionPlan> sessions = sessions(BehaviourSettings.defaults(), 17);
        List<CheckoutPlan> checkouts = sessions.stream().map(SessionPlan::checkout).filter(c -> c != null).toList();
        Map<OrderEnding, Integer> endings = new HashMap<>();
        checkouts.forEach(checkout -> endings.merge(checkout.ending(), 1, Integer::sum));
        long payments = checkouts.size() - endings.getOrDefault(OrderEnding.CANCEL, 0);

        assertThat(checkouts.size() / (double) SESSIONS).isCloseTo(0.30, within(0.01));
        assertThat(endings.getOrDefault(OrderEnding.CANCEL, 0) / (double) checkouts.size()).isCloseTo(0.03, within(0.006));
        assertThat(endings.getOrDefault(OrderEnding.PAY_WITH_DECLINED_CARD, 0) / (double) payments)
                .isCloseTo(0.05, within(0.008));
        assertThat(endings.getOrDefault(OrderEnding.PAY_WITH_INSUFFICIENT_FUNDS_CARD, 0) / (double) payments)
                .isCloseTo(0.01, within(0.004));
        assertThat(endings.getOrDefault(OrderEnding.PAY_WITH_VALID_CARD, 0) / (double) payments)
                .isCloseTo(0.94, within(0.01));
    }

    @Test
    void checkoutsHoldOneToThreeDistinctProducts() {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (SessionPlan session : sessions(BehaviourSettings.defaults(), 19)) {
            if (session.checkout() != null) {
                List<OrderLine> items = session.checkout().items();
                Set<Long> distinct = new HashSet<>();
                items.forEach(line -> distinct.add(line.productId()));
                assertThat(distinct).hasSameSizeAs(items);
                assertThat(items).allMatch(line -> line.quantity() >= 1 && line.quantity() <= 3);
                sizes.merge(items.size(), 1, Integer::sum);
            }
        }
        assertThat(sizes.keySet()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(sizes.get(1)).isGreaterThan(sizes.get(2)).isGreaterThan(0);
        assertThat(sizes.get(2)).isGreaterThan(sizes.get(3));
    }

    @Test
    void blackFridayDoublesTheConversion() {
        BehaviourSettings blackFriday = BehaviourSettings.defaults().forProfile(TrafficProfile.BLACK_FRIDAY);
        long checkouts = sessions(blackFriday, 23).stream().filter(session -> session.checkout() != null).count();

        assertThat(blackFriday.conversion()).isCloseTo(0.6, within(1e-9));
        assertThat(checkouts / (double) SESSIONS).isCloseTo(0.60, within(0.01));
        assertThat(TrafficProfile.parse("black-friday").rateMultiplier()).isEqualTo(4.0);
    }

    @Test
    void sessionsViewAtLeastOneProductAndAboutTheMeanNumber() {
        double meanViews = sessions(BehaviourSettings.defaults(), 29).stream()
                .mapToInt(session -> session.viewedProductIds().size()).peek(n -> assertThat(n).isBetween(1, 8))
                .average().orElseThrow();

        assertThat(meanViews).isCloseTo(2.9, within(0.15));
    }

    @Test
    void mostCheckoutsGoThroughTheCartAndSomeSessionsSearchFirst() {
        List<SessionPlan> sessions = sessions(BehaviourSettings.defaults(), 31);
        List<CheckoutPlan> checkouts = sessions.stream().map(SessionPlan::checkout).filter(c -> c != null).toList();
        long viaCart = checkouts.stream().filter(CheckoutPlan::viaCart).count();
        List<SearchPlan> searches = sessions.stream().map(SessionPlan::search).filter(s -> s != null).toList();

        assertThat(viaCart / (double) checkouts.size()).isCloseTo(0.9, within(0.02));
        assertThat(checkouts).filteredOn(CheckoutPlan::saveForLater)
                .isNotEmpty()
                .allMatch(checkout -> checkout.viaCart() && checkout.items().size() > 1);
        assertThat(searches.size() / (double) SESSIONS).isCloseTo(0.35, within(0.01));
        assertThat(searches).allMatch(search -> search.query().equals("product"));
        assertThat(searches.stream().filter(search -> search.categoryId() != null).count() / (double) searches.size())
                .isCloseTo(0.3, within(0.02));
        assertThat(searches).extracting(SearchPlan::sort).contains(null, "price_asc", "price_desc", "rating", "newest");
    }

    @Test
    void noCartAndNoSearchWhenTheirSharesAreZero() {
        List<SessionPlan> sessions = sessions(BehaviourSettings.defaults().withCartShare(0).withSearchShare(0), 37);

        assertThat(sessions).allMatch(session -> session.search() == null);
        assertThat(sessions).allMatch(session -> session.checkout() == null || !session.checkout().viaCart());
    }

    @Test
    void aSearchIsAWordOfTheProductNameWorthTyping() {
        SplittableRandom random = new SplittableRandom(3);
        Set<String> words = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            words.add(ShopperModel.searchWord("Cast-Iron Skillet, 10\" (26 cm)", random));
        }

        assertThat(words).containsExactlyInAnyOrder("cast", "iron", "skillet");
        assertThat(ShopperModel.searchWord("X1 2", random)).isEqualTo("X1 2");
    }
}
