package dev.streamcart.serving.users;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Profiles and preferences: only the user (or an admin) reads or changes them. */
class ProfileApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();

    @Test
    void aUserReadsAndChangesTheirProfile() {
        long user = shop.user();
        ApiClient me = shop.as(user);

        JsonNode profile = me.get("/api/users/" + user).json();
        ApiClient.Response renamed = me.patch("/api/users/" + user,
                json("firstName", "Augusta", "phone", "+44 20 7946 0958"));
        ApiClient.Response phoneCleared = me.patch("/api/users/" + user, json("phone", null));

        assertThat(profile.path("id").asLong()).isEqualTo(user);
        assertThat(profile.path("email").asText()).endsWith("@example.com");
        assertThat(profile.path("firstName").asText()).isEqualTo("Ada");
        assertThat(profile.path("role").asText()).isEqualTo("customer");
        assertThat(profile.has("passwordHash")).isFalse();
        assertThat(profile.toString()).doesNotContain("$2a$");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("firstName").asText()).isEqualTo("Augusta");
        assertThat(renamed.json().path("lastName").asText()).as("left as it was").isEqualTo("Lovelace");
        assertThat(renamed.json().path("phone").asText()).isEqualTo("+44 20 7946 0958");
        assertThat(phoneCleared.json().path("phone").isNull()).isTrue();
        assertThat(phoneCleared.json().path("firstName").asText()).isEqualTo("Augusta");
        Map<String, Object> row = db.single("SELECT first_name, phone FROM users WHERE id = ?", user);
        assertThat(row.get("first_name")).isEqualTo("Augusta");
        assertThat(row.get("phone")).isNull();
    }

    @Test
    void anotherUsersProfileAndPreferencesAreRefusedAndUnchanged() {
        long owner = shop.user();
        long other = shop.user();
        ApiClient intruder = shop.as(other);

        assertProblem(intruder.get("/api/users/" + owner), 403);
        assertProblem(intruder.patch("/api/users/" + owner, json("firstName", "Mallory")), 403);
        assertProblem(intruder.get("/api/users/" + owner + "/preferences"), 403);
        assertProblem(intruder.put("/api/users/" + owner + "/preferences", json("language", "fr")), 403);
        assertProblem(SERVER.client().get("/api/users/" + owner), 401);
        assertProblem(SERVER.client().patch("/api/users/" + owner, json("firstName", "Mallory")), 401);

        assertThat(db.single("SELECT first_name FROM users WHERE id = ?", owner).get("first_name")).isEqualTo("Ada");
        assertThat(db.count("SELECT count(*) FROM user_preferences WHERE user_id = ?", owner)).isZero();
        assertThat(shop.admin().get("/api/users/" + owner).json().path("id").asLong()).as("an admin may").isEqualTo(owner);
        assertProblem(shop.admin().get("/api/users/999999"), 404);
    }

    @Test
    void badProfileChangesAreRefusedNamingTheField() {
        long user = shop.user();
        ApiClient me = shop.as(user);
        String path = "/api/users/" + user;

        assertProblem(me.patch(path, json("firstName", null)), 400, "firstName");
        assertProblem(me.patch(path, json("lastName", "  ")), 400, "lastName");
        assertProblem(me.patch(path, json("firstName", 42)), 400, "firstName");
        assertProblem(me.patch(path, json("firstName", "x".repeat(101))), 400, "firstName");
        assertProblem(me.patch(path, json("phone", "call me'; DROP TABLE users; --")), 400, "phone");
        assertProblem(me.patch(path, "{\"firstName\":"), 400);
        assertProblem(me.patch(path, "[]"), 400);
        assertProblem(me.patch("/api/users/abc", json("firstName", "A")), 400);

        assertThat(db.single("SELECT first_name, phone FROM users WHERE id = ?", user))
                .containsEntry("first_name", "Ada").containsEntry("phone", null);
    }

    @Test
    void preferencesStartAtTheDefaultsAndAreReplacedAsAWhole() {
        long user = shop.user();
        ApiClient me = shop.as(user);
        long books = shop.category();
        long games = shop.category();
        String path = "/api/users/" + user + "/preferences";

        JsonNode defaults = me.get(path).json();
        ApiClient.Response replaced = me.put(path, json("language", "pt-BR", "currency", "eur",
                "marketingEmails", true, "favouriteCategoryIds", List.of(books, games, books)));
        JsonNode reread = me.get(path).json();
        ApiClient.Response partial = me.put(path, json("language", "de"));

        assertThat(defaults.path("language").asText()).isEqualTo("en");
        assertThat(defaults.path("currency").asText()).isEqualTo("USD");
        assertThat(defaults.path("marketingEmails").asBoolean()).isFalse();
        assertThat(defaults.path("favouriteCategoryIds")).isEmpty();
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(reread.path("language").asText()).isEqualTo("pt-BR");
        assertThat(reread.path("currency").asText()).isEqualTo("EUR");
        assertThat(reread.path("marketingEmails").asBoolean()).isTrue();
        assertThat(reread.path("favouriteCategoryIds").toString()).isEqualTo("[" + books + "," + games + "]");
        assertThat(partial.json().path("currency").asText()).as("a PUT replaces everything").isEqualTo("USD");
        assertThat(partial.json().path("favouriteCategoryIds")).isEmpty();
    }

    @Test
    void badPreferencesAreRefusedAndChangeNothing() {
        long user = shop.user();
        ApiClient me = shop.as(user);
        String path = "/api/users/" + user + "/preferences";
        me.put(path, json("language", "fr"));

        assertProblem(me.put(path, json("language", "french")), 400, "language");
        assertProblem(me.put(path, json("currency", "EURO")), 400, "currency");
        assertProblem(me.put(path, json("currency", "ZZZ")), 400, "currency");
        assertProblem(me.put(path, json("marketingEmails", "yes")), 400, "marketingEmails");
        assertProblem(me.put(path, json("favouriteCategoryIds", List.of(-1))), 400, "favouriteCategoryIds");
        assertProblem(me.put(path, json("favouriteCategoryIds", "1,2")), 400, "favouriteCategoryIds");
        assertProblem(me.put(path, json("favouriteCategoryIds", List.of(999_999))), 422, "999999");

        assertThat(me.get(path).json().path("language").asText()).isEqualTo("fr");
    }
}
