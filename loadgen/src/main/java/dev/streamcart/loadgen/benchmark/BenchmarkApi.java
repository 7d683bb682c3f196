package dev.streamcart.loadgen.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * The few JSON calls the freshness benchmark makes, as one account (a bearer token) or anonymously.
 * Each answer carries the moment it arrived, which the benchmark uses as its clock.
 */
final class BenchmarkApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer and {@link System#nanoTime()} when it was fully read. */
    record Reply(int status, JsonNode body, long arrivedNanos) {

        long id() {
            return body.path("id").asLong();
        }
    }

    private final String baseUrl;
    private final HttpClient http;
    private final @Nullable String token;

    BenchmarkApi(String baseUrl) {
        this(baseUrl, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build(), null);
    }

    private BenchmarkApi(String baseUrl, HttpClient http, @Nullable String token) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.http = http;
        this.token = token;
    }

    /** The same API, signed in as {@code email}. */
    BenchmarkApi login(String email, String password) {
        Reply reply = post("/api/auth/login", Map.of("email", email, "password", password));
        if (reply.status() != 200) {
            throw new IllegalStateException("login of " + email + " answered " + reply.status() + ": " + reply.body());
        }
        return new BenchmarkApi(baseUrl, http, reply.body().path("token").asText());
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, Object body) {
        try {
            return send(request(path)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body, e);
        }
    }

    /** POSTs and returns the new resource's id; anything but 201 is an error. */
    long create(String path, Object body) {
        Reply reply = post(path, body);
        if (reply.status() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.id();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long arrived = System.nanoTime();
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : parse(response.body());
            return new Reply(response.statusCode(), body, arrived);
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + baseUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
