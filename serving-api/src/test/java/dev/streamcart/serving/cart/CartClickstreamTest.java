package dev.streamcart.serving.cart;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A cart add with {@code X-Session-Id} reaches the clickstream topic as CART_ADD. */
class CartClickstreamTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    @Test
    void addingToTheCartWithASessionRecordsACartAdd() {
        Storefront shop = SERVER.storefront();
        long category = shop.category();
        long product = shop.product(shop.seller(), category, "3.00");
        long user = shop.user();
        String session = "session-" + UUID.randomUUID();

        assertThat(new CartCalls(shop.as(user)).add(product, 2, "X-Session-Id", session).status()).isEqualTo(200);

        List<ClickEvent> clicks = Clicks.ofSession(SERVER, session, 1);
        assertThat(clicks).hasSize(1);
        ClickEvent click = clicks.get(0);
        assertThat(click.getType()).isEqualTo(ClickType.CART_ADD);
        assertThat(click.getProductId()).isEqualTo(product);
        assertThat(click.getCategoryId()).isEqualTo(category);
        assertThat(click.getUserId()).isEqualTo(user);
    }

    @Test
    void aQuotedCartAndADirectOrderEachStartACheckoutInTheFunnel() {
        Storefront shop = SERVER.storefront();
        long product = shop.stockedProduct(shop.seller(), shop.category(), "4.00", 10);
        long cartBuyer = shop.user();
        long directBuyer = shop.user();
        String session = "session-" + UUID.randomUUID();
        ApiClient cart = shop.as(cartBuyer);
        assertThat(new CartCalls(cart).add(product, 1, "X-Session-Id", session).status()).isEqualTo(200);

        assertThat(cart.post("/api/cart/quote", Map.of("region", "us-east"), "X-Session-Id", session).status())
                .isEqualTo(200);
        assertThat(shop.placeOrder(directBuyer, product, 1).status()).isEqualTo(201);

        assertThat(Clicks.ofSession(SERVER, session, 2)).extracting(ClickEvent::getType)
                .containsExactly(ClickType.CART_ADD, ClickType.CHECKOUT_START);
        List<ClickEvent> direct = Clicks.ofSession(SERVER, "user-" + directBuyer, 1);
        assertThat(direct).extracting(ClickEvent::getType).containsExactly(ClickType.CHECKOUT_START);
        assertThat(direct.get(0).getUserId()).isEqualTo(directBuyer);
    }
}
