package dev.streamcart.serving.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /health} is public, so it names each part and its status only; why a part is not UP
 * (addresses, error text, configuration, model versions) is for admins, at {@code /api/admin/health}.
 */
class HealthApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    @Test
    void publicHealthNamesEachPartAndItsStatusAndNothingElse() {
        ApiClient.Response response = SERVER.client().get("/health");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode health = response.json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").size()).isGreaterThanOrEqualTo(6);
        List<String> partsWithMoreThanAStatus = new ArrayList<>();
        for (Map.Entry<String, JsonNode> part : health.path("components").properties()) {
            List<String> fields = new ArrayList<>();
            part.getValue().fieldNames().forEachRemaining(fields::add);
            if (!fields.equals(List.of("status"))) {
                partsWithMoreThanAStatus.add(part.getKey() + " " + fields);
            }
        }
        assertThat(partsWithMoreThanAStatus).isEmpty();
        assertThat(response.body()).doesNotContain("configured").doesNotContain("no model version");
    }

    @Test
    void signedInAsAdminTheSameChecksSayWhy() {
        ApiClient.Response response = SERVER.admin().get("/api/admin/health");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode components = response.json().path("components");
        assertThat(components.path("postgres").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("kafka").path("status").asText()).isEqualTo("DISABLED");
        assertThat(components.path("kafka").path("detail").asText()).contains("kafka.bootstrap-servers");
        assertThat(components.path("recommender").path("detail").asText()).contains("no model version yet");
        assertThat(SERVER.admin().get("/health").body()).as("the public view stays the same for an admin")
                .doesNotContain("kafka.bootstrap-servers");
    }

    @Test
    void theDetailedViewIsForAdminsOnly() {
        Storefront shop = SERVER.storefront();
        ApiClient customer = shop.as(shop.user());

        assertProblem(SERVER.client().get("/api/admin/health"), 401);
        assertProblem(customer.get("/api/admin/health"), 403);
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("kafka.bootstrap-servers");
    }
}
