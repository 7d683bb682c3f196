package dev.streamcart.serving.auth;

import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final ApiClient anonymous = SERVER.client();
    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();

    private String register(String email) {
        ApiClient.Response created = anonymous.post("/api/users", json("email", email, "password", Storefront.PASSWORD,
                "firstName", "Grace", "lastName", "Hopper"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return email;
    }

    @Test
    void loginReturnsABearerTokenThatIdentifiesTheAccountAndOnlyItsHashIsStored() {
        String email = register("login-" + System.nanoTime() + "@example.com");

        ApiClient.Response login = anonymous.post("/api/auth/login", json("email", email.toUpperCase(), "password",
                Storefront.PASSWORD));

        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String token = login.json().path("token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(login.json().path("role").asText()).isEqualTo("customer");
        JsonNode me = anonymous.withToken(token).get("/api/auth/me").json();
        assertThat(me.path("userId").asLong()).isEqualTo(login.json().path("userId").asLong());
        assertThat(db.count("SELECT count(*) FROM auth_tokens WHERE token_hash = ?", BearerTokens.hash(token))).isOne();
        assertThat(db.count("SELECT count(*) FROM auth_tokens WHERE token_hash = ?", token)).isZero();
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountGetTheSame401() {
        String email = register("wrong-" + System.nanoTime() + "@example.com");

        ApiClient.Response wrongPassword = anonymous.post("/api/auth/login", json("email", email, "password", "not the password"));
        ApiClient.Response unknown = anonymous.post("/api/auth/login", json("email", "nobody-" + System.nanoTime()
                + "@example.com", "password", Storefront.PASSWORD));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
        assertThat(wrongPassword.json().path("detail").asText()).isEqualTo(unknown.json().path("detail").asText());
    }

    @Test
    void repeatedFailedLoginsAreRateLimitedEvenWithTheRightPasswordAfterwards() {
        String email = register("guess-" + System.nanoTime() + "@example.com");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(anonymous.post("/api/auth/login", json("email", email, "password", "guess " + attempt)).status())
                    .isEqualTo(401);
        }

        ApiClient.Response limited = anonymous.post("/api/auth/login", json("email", email, "password", Storefront.PASSWORD));

        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().path("retryAfterSeconds").asLong()).isPositive();
    }

    @Test
    void protectedRoutesNeedAValidTokenAndLogoutRevokesIt() {
        assertThat(anonymous.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/orders", json("items", java.util.List.of()), "Idempotency-Key", "k1").status())
                .isEqualTo(401);
        assertThat(anonymous.withToken("forged-token-value").get("/api/stock/1").status())
                .as("an invalid token is refused even on a public route").isEqualTo(401);
        assertThat(anonymous.get("/api/auth/me", "Authorization", "Basic abc").status()).isEqualTo(401);

        long user = shop.user();
        ApiClient signedIn = shop.as(user);
        assertThat(signedIn.get("/api/auth/me").status()).isEqualTo(200);
        assertThat(signedIn.post("/api/auth/logout", "").status()).isEqualTo(204);
        assertThat(signedIn.get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    void rolesAreEnforcedAndRegisteringASellerBusinessMakesTheAccountASeller() {
        long user = shop.user();
        ApiClient customer = shop.as(user);
        assertThat(customer.post("/api/categories", json("name", "Not mine")).status()).isEqualTo(403);
        assertThat(customer.post("/api/products", json("categoryId", shop.category(), "sku", "X-1", "name", "X",
                "price", "1.00")).status()).isEqualTo(403);

        ApiClient.Response seller = customer.post("/api/sellers", json("name", "Grace's Goods", "email",
                "goods-" + System.nanoTime() + "@example.com"));

        assertThat(seller.status()).as(seller.toString()).isEqualTo(201);
        JsonNode me = customer.get("/api/auth/me").json();
        assertThat(me.path("role").asText()).isEqualTo("seller");
        assertThat(me.path("sellerId").asLong()).isEqualTo(seller.id());
        // a new seller lists products once the operator verified it (see SellerApiTest)
        assertThat(shop.admin().post("/api/admin/sellers/" + seller.id() + "/verify", "").status()).isEqualTo(200);
        ApiClient.Response product = customer.post("/api/products", json("categoryId", shop.category(),
                "sku", "GG-" + System.nanoTime(), "name", "Mug", "price", "4.00"));
        assertThat(product.status()).as(product.toString()).isEqualTo(201);
        assertThat(customer.post("/api/sellers", json("name", "Second business", "email",
                "second-" + System.nanoTime() + "@example.com")).status()).as("one business per account").isEqualTo(409);
    }

    @Test
    void theConfiguredAdminExistsWithTheAdminRole() {
        JsonNode me = SERVER.admin().get("/api/auth/me").json();
        assertThat(me.path("role").asText()).isEqualTo("admin");
        assertThat(db.count("SELECT count(*) FROM users WHERE email = ? AND role = 'admin'", ApiServerExtension.ADMIN_EMAIL))
                .isOne();
    }
}
