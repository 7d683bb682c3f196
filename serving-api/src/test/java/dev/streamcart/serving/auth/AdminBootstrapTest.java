package dev.streamcart.serving.auth;

import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import dev.streamcart.serving.users.EmailAddress;
import dev.streamcart.serving.users.PasswordHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin account made at start, against the real schema: it never takes over an account someone registered. */
class AdminBootstrapTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static final char[] CONFIGURED_PASSWORD = "the operator's configured password".toCharArray();

    @Test
    void anAccountRegisteredWithTheAdminAddressIsNotPromotedAndTheStartIsRefused() {
        String email = "operator-" + System.nanoTime() + "@example.com";
        ApiClient.Response registered = SERVER.client().post("/api/users", json("email", email, "password",
                Storefront.PASSWORD, "firstName", "Eve", "lastName", "Squatter"));
        assertThat(registered.status()).isEqualTo(201);
        ApiClient squatter = SERVER.client().login(email, Storefront.PASSWORD);

        assertThatThrownBy(() -> AdminAccount.ensure(new Transactions(SERVER.database()), new PasswordHasher(4),
                new EmailAddress(email), CONFIGURED_PASSWORD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(email)
                .hasMessageContaining("refusing to promote")
                .hasMessageContaining("auth.admin.email");

        Db db = SERVER.db();
        assertThat(db.count("SELECT count(*) FROM users WHERE email = ? AND role = 'customer'", email)).isOne();
        assertThat(squatter.get("/api/auth/me").json().path("role").asText()).isEqualTo("customer");
        assertThat(squatter.get("/api/admin/models").status()).isEqualTo(403);
        assertThat(SERVER.client().post("/api/auth/login", json("email", email, "password",
                new String(CONFIGURED_PASSWORD))).status()).as("the configured password was not set").isEqualTo(401);
    }

    @Test
    void theAdminAccountItselfTakesTheConfiguredPasswordAtEveryStart() {
        String email = "admin-" + System.nanoTime() + "@example.com";
        Transactions transactions = new Transactions(SERVER.database());
        long first = AdminAccount.ensure(transactions, new PasswordHasher(4), new EmailAddress(email), CONFIGURED_PASSWORD);

        long again = AdminAccount.ensure(transactions, new PasswordHasher(4), new EmailAddress(email),
                "a changed operator password".toCharArray());

        assertThat(again).isEqualTo(first);
        ApiClient admin = SERVER.client().login(email, "a changed operator password");
        assertThat(admin.get("/api/auth/me").json().path("role").asText()).isEqualTo("admin");
    }
}
