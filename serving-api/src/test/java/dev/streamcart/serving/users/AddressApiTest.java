package dev.streamcart.serving.users;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Billing and shipping addresses: one default of each, changed atomically; only the user (or an admin). */
class AddressApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();

    @Test
    void theFirstAddressOfEachTypeIsTheDefaultAndANewDefaultReplacesTheOld() {
        long user = shop.user();
        ApiClient me = shop.as(user);

        ApiClient.Response home = add(me, user, "shipping", "London", null);
        ApiClient.Response billing = add(me, user, "billing", "London", null);
        ApiClient.Response office = add(me, user, "shipping", "Leeds", null);
        ApiClient.Response cottage = add(me, user, "shipping", "York", true);

        assertThat(home.status()).as(home.toString()).isEqualTo(201);
        assertThat(home.json().path("isDefault").asBoolean()).isTrue();
        assertThat(billing.json().path("isDefault").asBoolean()).as("first billing address").isTrue();
        assertThat(office.json().path("isDefault").asBoolean()).isFalse();
        assertThat(cottage.json().path("isDefault").asBoolean()).isTrue();
        assertThat(defaults(user, "shipping")).containsExactly(cottage.id());
        assertThat(defaults(user, "billing")).containsExactly(billing.id());

        ApiClient.Response officeDefault = me.patch(addressPath(user, office.id()), json("isDefault", true));

        assertThat(officeDefault.status()).as(officeDefault.toString()).isEqualTo(200);
        assertThat(defaults(user, "shipping")).containsExactly(office.id());
        assertThat(defaults(user, "billing")).containsExactly(billing.id());
        JsonNode list = me.get("/api/users/" + user + "/addresses").json().path("addresses");
        assertThat(list).hasSize(4);
    }

    @Test
    void concurrentDefaultSwitchesLeaveExactlyOneDefault() throws Exception {
        long user = shop.user();
        ApiClient me = shop.as(user);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(add(me, user, "shipping", "City " + i, null).id());
        }

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<ApiClient.Response>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (long id : ids) {
                    results.add(pool.submit(() -> me.patch(addressPath(user, id), json("isDefault", true))));
                }
            }
            for (Future<ApiClient.Response> result : results) {
                assertThat(result.get().status()).as(result.get().toString()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(defaults(user, "shipping")).hasSize(1);
    }

    @Test
    void anAddressIsChangedFieldByFieldAndOptionalFieldsCanBeCleared() {
        long user = shop.user();
        ApiClient me = shop.as(user);
        long id = add(me, user, "shipping", "London", null).id();

        ApiClient.Response changed = me.patch(addressPath(user, id), json("city", "Bath", "postalCode", "BA1 1AA",
                "company", null, "line2", "Flat 2", "type", "billing"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode address = changed.json();
        assertThat(address.path("city").asText()).isEqualTo("Bath");
        assertThat(address.path("line1").asText()).as("unchanged").isEqualTo("1 Main Street");
        assertThat(address.path("company").isNull()).isTrue();
        assertThat(address.path("line2").asText()).isEqualTo("Flat 2");
        assertThat(address.path("type").asText()).isEqualTo("billing");
        assertThat(address.path("isDefault").asBoolean()).isTrue();
        assertThat(defaults(user, "billing")).containsExactly(id);
        assertThat(defaults(user, "shipping")).isEmpty();
        Map<String, Object> row = db.single("SELECT city, company FROM user_addresses WHERE id = ?", id);
        assertThat(row).containsEntry("city", "Bath").containsEntry("company", null);
    }

    @Test
    void aDeletedAddressDisappearsButStaysForOrdersThatUsedIt() {
        long user = shop.user();
        ApiClient me = shop.as(user);
        long id = add(me, user, "shipping", "London", null).id();

        ApiClient.Response deleted = me.delete(addressPath(user, id));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(me.get("/api/users/" + user + "/addresses").json().path("addresses")).isEmpty();
        assertThat(db.single("SELECT deleted_at IS NOT NULL AS gone, is_default FROM user_addresses WHERE id = ?", id))
                .containsEntry("gone", true).containsEntry("is_default", false);
        assertProblem(me.delete(addressPath(user, id)), 404);
        assertProblem(me.patch(addressPath(user, id), json("city", "Bath")), 404);
        assertThat(add(me, user, "shipping", "Leeds", null).json().path("isDefault").asBoolean())
                .as("the next one is the default again").isTrue();
    }

    @Test
    void anotherUsersAddressesAreOutOfReach() {
        long owner = shop.user();
        long other = shop.user();
        long ownersAddress = add(shop.as(owner), owner, "shipping", "London", null).id();
        ApiClient intruder = shop.as(other);

        assertProblem(intruder.get("/api/users/" + owner + "/addresses"), 403);
        assertProblem(intruder.post("/api/users/" + owner + "/addresses", addressBody("shipping", "Paris", null)), 403);
        assertProblem(intruder.patch(addressPath(owner, ownersAddress), json("city", "Paris")), 403);
        assertProblem(intruder.delete(addressPath(owner, ownersAddress)), 403);
        // the intruder's own path with the owner's address id: as if it did not exist
        assertProblem(intruder.patch(addressPath(other, ownersAddress), json("city", "Paris")), 404);
        assertProblem(intruder.delete(addressPath(other, ownersAddress)), 404);
        assertProblem(SERVER.client().get("/api/users/" + owner + "/addresses"), 401);

        assertThat(db.single("SELECT city, deleted_at FROM user_addresses WHERE id = ?", ownersAddress))
                .containsEntry("city", "London").containsEntry("deleted_at", null);
        assertThat(db.count("SELECT count(*) FROM user_addresses WHERE user_id = ?", other)).isZero();
        assertThat(shop.admin().get("/api/users/" + owner + "/addresses").json().path("addresses")).hasSize(1);
    }

    @Test
    void badAddressesAreRefusedNamingTheFieldAndStoreNothing() {
        long user = shop.user();
        ApiClient me = shop.as(user);
        String path = "/api/users/" + user + "/addresses";
        Map<String, Object> valid = addressBody("shipping", "London", null);

        assertProblem(me.post(path, with(valid, "type", "home")), 400, "type");
        assertProblem(me.post(path, with(valid, "country", "XX")), 400, "country");
        assertProblem(me.post(path, with(valid, "country", "GBR")), 400, "country");
        assertProblem(me.post(path, with(valid, "city", null)), 400, "city");
        assertProblem(me.post(path, with(valid, "line1", "")), 400, "line1");
        assertProblem(me.post(path, with(valid, "postalCode", "<script>")), 400, "postalCode");
        assertProblem(me.post(path, with(valid, "phone", "phone")), 400, "phone");
        assertProblem(me.post(path, with(valid, "isDefault", "yes")), 400, "isDefault");
        assertProblem(me.post(path, with(valid, "firstName", 7)), 400, "firstName");
        assertProblem(me.post(path, "not json"), 400);
        assertThat(db.count("SELECT count(*) FROM user_addresses WHERE user_id = ?", user)).isZero();

        long id = add(me, user, "shipping", "London", null).id();
        assertProblem(me.patch(addressPath(user, id), json("city", null)), 400, "city");
        assertProblem(me.patch(addressPath(user, id), json("country", "Narnia")), 400, "country");
        assertProblem(me.patch("/api/users/" + user + "/addresses/x", json("city", "A")), 400, "addressId");

        ApiClient.Response quoted = me.post(path, with(valid, "line1", "1 O'Brien Street\"; DROP TABLE users; --"));
        assertThat(quoted.status()).isEqualTo(201);
        assertThat(quoted.json().path("line1").asText()).isEqualTo("1 O'Brien Street\"; DROP TABLE users; --");
    }

    private static ApiClient.Response add(ApiClient client, long user, String type, String city, Boolean isDefault) {
        return client.post("/api/users/" + user + "/addresses", addressBody(type, city, isDefault));
    }

    private static Map<String, Object> addressBody(String type, String city, Boolean isDefault) {
        Map<String, Object> body = json("type", type, "firstName", "Ada", "lastName", "Lovelace", "company", "Engines Ltd",
                "line1", "1 Main Street", "city", city, "postalCode", "SW1A 1AA", "country", "gb", "phone", "+44 20 7946 0000");
        if (isDefault != null) {
            body.put("isDefault", isDefault);
        }
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static String addressPath(long user, long address) {
        return "/api/users/" + user + "/addresses/" + address;
    }

    private List<Long> defaults(long user, String type) {
        return db.rows("SELECT id FROM user_addresses WHERE user_id = ? AND address_type = ? AND is_default", user, type)
                .stream().map(row -> (Long) row.get("id")).toList();
    }
}
