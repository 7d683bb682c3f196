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
 * The few JSON calls the benchmarks make, as one account (a bearer token) or anonymously. Each
 * answer carries the moment it arrived, which a benchmark uses as its clock. Every copy shares one
 * HTTP/1.1 client, and so one connection pool, like a fleet of shoppers behind one gateway.
 */
public final class BenchmarkApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer and {@link System#nanoTime()} when it was fully read. */
    public record Reply(int status, JsonNode body, long arrivedNanos) {

        public long id() {
            return body.path("id").asLong();
        }

        /** This reply, when its status is {@code expected}; otherwise an error naming {@code what} was tried. */
        public Reply expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected " + expected + ", got " + status + " " + body);
            }
            return this;
        }
    }

    private final String baseUrl;
    private final HttpClient http;
    private final @Nullable String token;

    public BenchmarkApi(String baseUrl) {
        this(baseUrl, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build(), null);
    }

    private BenchmarkApi(String baseUrl, HttpClient http, @Nullable String token) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.http = http;
        this.token = token;
    }

    /** The same API, signed in as {@code email}. */
    public BenchmarkApi login(String email, String password) {
        Reply reply = post("/api/auth/login", Map.of("email", email, "password", password));
        if (reply.status() != 200) {
            throw new IllegalStateException("login of " + email + " answered " + reply.status() + ": " + reply.body());
        }
        return withToken(reply.body().path("token").asText());
    }

    /** The bearer token this client calls with, if it signed in. */
    public @Nullable String token() {
        return token;
    }

    /** The same API, calling with a bearer token issued earlier. */
    public BenchmarkApi withToken(String bearerToken) {
        return new BenchmarkApi(baseUrl, http, Objects.requireNonNull(bearerToken, "bearerToken"));
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    /** POSTs JSON with a fresh {@code Idempotency-Key}, as a client making a new request does. */
    public Reply post(String path, Object body) {
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
    public long create(String path, Object body) {
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
