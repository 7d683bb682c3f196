package dev.streamcart.loadgen.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A thin JSON-over-HTTP client for the end-to-end tests. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String bearerToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiClient(String baseUrl, String bearerToken) {
        this.baseUrl = baseUrl;
        this.bearerToken = bearerToken;
    }

    /** Signs in (as the platform's admin in these tests: it may act for every buyer and seller). */
    static ApiClient signedIn(String baseUrl, String email, String password) {
        ApiClient anonymous = new ApiClient(baseUrl, null);
        Reply login = anonymous.post("/api/auth/login", Map.of("email", email, "password", password));
        if (login.status() != 200) {
            throw new AssertionError("login of " + email + " answered " + login.status() + ": " + login.body());
        }
        return new ApiClient(baseUrl, login.body().path("token").asText());
    }

    /** The bearer token this client signs its requests with. */
    String token() {
        return bearerToken;
    }

    /** A response: status and parsed body (an empty object when there is none). */
    record Reply(int status, JsonNode body, String contentType) {}

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), null);
    }

    /** A storefront page view: the session and user headers make serving-api emit a click event. */
    Reply view(String path, String sessionId, long userId) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("X-Session-Id", sessionId)
                .header("X-User-Id", Long.toString(userId))
                .GET(), null);
    }

    Reply post(String path, Object body) {
        return post(path, body, null);
    }

    Reply post(String path, Object body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request, body);
    }

    /** POSTs and returns the created resource's id, failing unless the answer is 201. */
    long create(String path, Object body) {
        Reply reply = post(path, body, UUID.randomUUID().toString());
        if (reply.status() != 201) {
            throw new AssertionError("POST " + path + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.body().path("id").asLong();
    }

    private Reply send(HttpRequest.Builder request, Object body) {
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            if (body != null) {
                request.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().isBlank() ? JSON.createObjectNode() : readOrText(response.body());
            return new Reply(response.statusCode(), parsed, response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
