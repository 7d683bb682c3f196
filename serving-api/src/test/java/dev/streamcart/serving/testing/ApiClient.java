package dev.streamcart.serving.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/** Drives the API over real HTTP, as any client would. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A response; {@link #json()} is the parsed body (a missing node when it is not JSON).
     * {@code retryAfter} is the {@code Retry-After} header, when there is one.
     */
    public record Response(int status, String contentType, String body, @Nullable String retryAfter) {

        public Response(int status, String contentType, String body) {
            this(status, contentType, body, null);
        }

        public JsonNode json() {
            try {
                return body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
            } catch (JsonProcessingException e) {
                return JSON.missingNode();
            }
        }

        public long id() {
            return json().path("id").asLong();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final @Nullable String bearerToken;

    public ApiClient(String baseUrl) {
        this(baseUrl, null);
    }

    private ApiClient(String baseUrl, @Nullable String bearerToken) {
        this.baseUrl = baseUrl;
        this.bearerToken = bearerToken;
    }

    /** The same API, calling with {@code Authorization: Bearer <token>}. */
    public ApiClient withToken(String token) {
        return new ApiClient(baseUrl, token);
    }

    /** Logs in (asserting success) and returns a client that calls as that account. */
    public ApiClient login(String email, String password) {
        Response response = post("/api/auth/login", json("email", email, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("login of " + email + " failed: " + response);
        }
        return withToken(response.json().path("token").asText());
    }

    public @Nullable String bearerToken() {
        return bearerToken;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Response post(String path, Object body, String... headers) {
        String text = body instanceof String raw ? raw : write(body);
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    public Response put(String path, Object body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String raw ? raw : write(body))));
    }

    public Response patch(String path, Object body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body instanceof String raw ? raw : write(body))));
    }

    public static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Map<String, Object> json(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
