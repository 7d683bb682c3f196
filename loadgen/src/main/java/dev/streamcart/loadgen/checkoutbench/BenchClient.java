package dev.streamcart.loadgen.checkoutbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * A minimal JSON client of serving-api for the benchmark, signed in or not. One HTTP/1.1 client
 * (and so one connection pool) is shared by every copy, like a fleet of shoppers behind one gateway.
 */
final class BenchClient {

    record Reply(int status, JsonNode body) {

        long id() {
            return body.path("id").asLong();
        }

        Reply expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected " + expected + ", got " + status + " " + body);
            }
            return this;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final @Nullable String token;

    BenchClient(String baseUrl) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build(),
                baseUrl, null);
    }

    private BenchClient(HttpClient http, String baseUrl, @Nullable String token) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Logs in and returns a client calling as that account. */
    BenchClient login(String email, String password) {
        Reply reply = post("/api/auth/login", Map.of("email", email, "password", password), null).expect(200, "login " + email);
        return new BenchClient(http, baseUrl, reply.body().path("token").asText());
    }

    Reply get(String path) {
        return send(request(path, null).GET());
    }

    Reply post(String path, Object body, @Nullable String idempotencyKey) {
        try {
            return send(request(path, idempotencyKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest.Builder request(String path, @Nullable String idempotencyKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Reply(response.statusCode(), body.isEmpty() ? JSON.missingNode() : JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
