package dev.streamcart.serving.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.serving.ServingApi;
import dev.streamcart.serving.testing.ApiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every operation of {@code openapi.yaml} states who may call it, and says what the server does:
 * {@code security} on every operation ({@code []} when public), {@code x-roles} and {@code x-owner}
 * on every authenticated one, and {@code x-roles} equal to the roles its route declares in
 * {@code ApiRoutes} (an admin is admitted everywhere). The authorisation matrix and the fuzzer read
 * these fields, so an operation that does not state them would be tested on a guess.
 */
class OpenApiAccessTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final Set<String> OWNERS = Set.of("none", "buyer", "seller", "buyer-or-seller", "self", "author", "purchaser");
    private static final String TICKETS = "POST /api/analytics/stream-tickets";

    @Test
    void everyOperationStatesItsSecurityAndEveryAuthenticatedOneItsRolesAndOwner() {
        assertThat(CONTRACT.operations()).hasSizeGreaterThanOrEqualTo(86).allSatisfy(route -> {
            JsonNode operation = operation(route);
            assertThat(operation.path("security").isArray()).as(route + " states 'security' ([] when public)").isTrue();
            if (operation.path("security").isEmpty()) {
                assertThat(operation.has("x-roles") || operation.has("x-owner")).as(route + " is public: no x-roles, no x-owner").isFalse();
                return;
            }
            assertThat(operation.path("x-roles").isArray() && !operation.path("x-roles").isEmpty())
                    .as(route + " is authenticated: it states 'x-roles'").isTrue();
            assertThat(OWNERS).as(route + " states 'x-owner'").contains(operation.path("x-owner").asText());
            operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(scheme ->
                    assertThat(CONTRACT.document().path("components").path("securitySchemes").has(scheme))
                            .as(route + " names a declared security scheme: " + scheme).isTrue()));
        });
    }

    @Test
    void theRolesOfEveryOperationAreTheRolesItsRouteAdmits() {
        Map<ServingApi.Route, Set<String>> served = SERVER.api().routeRoles();
        assertThat(CONTRACT.operations()).allSatisfy(route -> {
            JsonNode operation = operation(route);
            Set<String> admitted = new TreeSet<>(served.getOrDefault(route, Set.of()));
            if (isStreamTicket(operation)) {
                // the route itself is open; the ticket is the credential, and only the ticket route's roles get one
                assertThat(admitted).as(route + " checks its ticket itself").isEmpty();
                admitted.addAll(served.get(new ServingApi.Route("POST", "/api/analytics/stream-tickets")));
            }
            Set<String> documented = new TreeSet<>();
            operation.path("x-roles").forEach(role -> documented.add(role.asText()));
            if (documented.isEmpty()) {
                assertThat(admitted).as(route + " is public in the document, so its route lists no roles").isEmpty();
                return;
            }
            assertThat(documented).as(route + ": an admin is admitted everywhere").contains("admin");
            admitted.add("admin");
            assertThat(documented).as(route + ": x-roles against the roles in ApiRoutes (and " + TICKETS + " for a ticket)")
                    .isEqualTo(admitted);
        });
    }

    private static boolean isStreamTicket(JsonNode operation) {
        return operation.path("security").findValue("streamTicket") != null;
    }

    private static JsonNode operation(ServingApi.Route route) {
        return CONTRACT.document().path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
    }
}
