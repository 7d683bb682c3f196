package dev.streamcart.serving.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.testing.ApiServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@link BadInputTable}, sent over real HTTP to a real API on a real PostgreSQL: the
 * answer is the expected 4xx (never a 5xx), an {@code application/problem+json} document whose
 * {@code detail} names what is wrong, and no row of any table changed (a fingerprint of every
 * table, taken before and after whenever PostgreSQL logged a write in between).
 */
class BadInputTableTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static StoreFixture store;
    private static DatabaseFingerprint fingerprint;

    /** A store with one of everything the table refers to: the ids fill the table's placeholders. */
    @BeforeAll
    static void createFixture() {
        store = StoreFixture.create(SERVER);
        fingerprint = new DatabaseFingerprint(SERVER.database());
    }

    @AfterAll
    static void closeFingerprint() throws SQLException {
        fingerprint.close();
    }

    static Stream<BadInput> table() {
        return BadInputTable.all().stream();
    }

    @Test
    void theTableHasMoreThan200Cases() {
        assertThat(BadInputTable.all()).hasSizeGreaterThan(200);
        assertThat(BadInputTable.all().stream().map(BadInput::toString).distinct().count())
                .as("no two rows alike").isEqualTo(BadInputTable.all().size());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    void isRefusedWithAProblemNamingTheFaultAndChangesNothing(BadInput bad) throws Exception {
        DatabaseFingerprint.Mark before = fingerprint.mark();

        HttpResponse<String> response = send(bad);

        String body = response.body();
        assertThat(response.statusCode()).as("status; body: " + body).isEqualTo(bad.status());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(body).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.path("title").asText()).isNotBlank();
        String detail = problem.path("detail").asText();
        assertThat(detail).as("detail").isNotBlank();
        assertThat(detail.toLowerCase(Locale.ROOT)).as("detail names the fault")
                .contains(store.fill(bad.mentions()).toLowerCase(Locale.ROOT));
        assertThat(fingerprint.changedSince(before)).as("tables changed").isEmpty();
    }

    private static HttpResponse<String> send(BadInput bad) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.client().baseUrl() + store.fill(bad.path())))
                .timeout(Duration.ofSeconds(30));
        String token = store.token(bad.caller());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < bad.headers().size(); i += 2) {
            String value = bad.headers().get(i + 1).equals("@key") ? "bad-input-" + UUID.randomUUID() : store.fill(bad.headers().get(i + 1));
            request.setHeader(bad.headers().get(i), value);
        }
        if (bad.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(bad.method(), HttpRequest.BodyPublishers.ofString(store.fillJson(bad.body())));
        } else {
            request.method(bad.method(), HttpRequest.BodyPublishers.noBody());
        }
        return ClosedConnectionRetry.send(HTTP, request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
