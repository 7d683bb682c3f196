package dev.streamcart.serving.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.clickstream.ClickType;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Clicks;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SearchClickstreamTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    @Test
    void aSearchInASessionIsRecordedOnTheClickstreamAndOneWithoutASessionIsNot() {
        warmUp();
        // recorded as anonymous: only the operator may name the shopper in X-User-Id
        String stranger = "stranger-" + UUID.randomUUID();
        assertThat(SERVER.client().get("/api/search?q=mug", "X-Session-Id", stranger, "X-User-Id", "42").status())
                .isEqualTo(200);
        Storefront shop = SERVER.storefront();
        long category = shop.category();
        long customer = shop.user();
        String session = "search-" + UUID.randomUUID();
        String anonymous = "never-sent-" + UUID.randomUUID();

        ApiClient.Response unrecorded = SERVER.client().get("/api/search?q=" + anonymous.replace("-", ""));
        ApiClient.Response recorded = shop.as(customer).get("/api/search?q=blue%20kettle&category=" + category,
                "X-Session-Id", session);

        assertThat(unrecorded.status()).isEqualTo(200);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        // the search without a session was answered first, so it would have been sent before these
        Map<String, List<ClickEvent>> clicks = Clicks.ofSessions(SERVER, Duration.ofSeconds(30), session, stranger);
        assertThat(clicks.get(session)).hasSize(1);
        assertThat(clicks.get(stranger)).singleElement().satisfies(click -> {
            assertThat(click.getUserId()).isNull();
            assertThat(click.getQuery()).isEqualTo("mug");
            assertThat(click.getCategoryId()).isNull();
        });
        assertThat(clicks.keySet()).as("nothing for the search without a session").allMatch(key ->
                key.equals(session) || key.equals(stranger) || key.startsWith(WARM_UP));
        ClickEvent search = clicks.get(session).get(0);
        assertThat(search.getType()).isEqualTo(ClickType.SEARCH);
        assertThat(search.getQuery()).isEqualTo("blue kettle");
        assertThat(search.getCategoryId()).isEqualTo(category);
        assertThat(search.getProductId()).isNull();
        assertThat(search.getUserId()).as("the signed-in shopper").isEqualTo(customer);
    }

    private static final String WARM_UP = "warm-up-";

    /**
     * Clicks are fire and forget: on a loaded machine the very first one can be lost while its schema
     * is registered. Search until one warm-up click arrives, so the clicks under test are not the first.
     */
    private static void warmUp() {
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> {
            String session = WARM_UP + UUID.randomUUID();
            SERVER.client().get("/api/search?q=warm", "X-Session-Id", session);
            return Clicks.ofSessions(SERVER, Duration.ofSeconds(10), session).containsKey(session);
        });
    }
}
