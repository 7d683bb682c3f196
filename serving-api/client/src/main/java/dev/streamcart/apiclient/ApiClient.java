package dev.streamcart.apiclient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.jspecify.annotations.Nullable;

/**
 * JSON over HTTP to serving-api, as any client of its OpenAPI contract calls it: any verb, any
 * path, a bearer-token session, and every answer returned as it came (status, headers, body), so
 * that tests can check error answers too. {@link StorefrontApiClient} adds typed operations on top.
 *
 * <p>Instances are immutable and thread-safe. {@link #withToken} and {@link #login} give a session
 * on the same connection pool. Transport settings (HTTP version, timeouts) are fixed per pool,
 * because the benchmarks' figures depend on them; {@link #builder} makes a pool of its own.
 *
 * <p>A request without any answer raises {@link ApiUnreachableException}; an answer with any status
 * is returned. {@link Response#expect} and {@link #create} turn an unwanted status into an
 * {@link ApiProblemException}.
 */
public final class ApiClient {

    public static final String JSON_TYPE = "application/json";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reads money exactly: decimals become BigDecimal, never a double. */
    static final ObjectReader EXACT_JSON = JSON.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The JDK client's words for a connection closed before the status line. */
    private static final String CLOSED_BEFORE_ANSWER = "header parser received no bytes";

    /** The pool of {@link #ApiClient(String)}: one per JVM, like a browser's. */
    private static final Transport SHARED = new Builder("http://shared").transport();

    /** How requests travel: one connection pool and its settings. */
    private record Transport(HttpClient http, @Nullable Duration requestTimeout, boolean freshIdempotencyKeys, int attempts) {}

    /**
     * An answer as it came: status, headers and body, and {@link System#nanoTime()} when it was
     * fully read (the clock of the benchmarks).
     */
    public record Response(int status, HttpHeaders headers, String body, long arrivedNanos) {

        public Response {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }

        /** An answer written by hand, for checking a contract against it. */
        public Response(int status, String contentType, String body) {
            this(status, HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (name, value) -> true), body,
                    System.nanoTime());
        }

        /** The first value of header {@code name}, or "". */
        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The {@code Retry-After} header, when there is one. */
        public @Nullable String retryAfter() {
            return headers.firstValue("Retry-After").orElse(null);
        }

        public boolean isSuccess() {
            return status >= 200 && status <= 299;
        }

        /** The parsed body; a missing node when it is empty or not JSON. */
        public JsonNode json() {
            return parse(JSON.reader());
        }

        /** The parsed body with decimals as {@link java.math.BigDecimal}; a missing node when not JSON. */
        public JsonNode exactJson() {
            return parse(EXACT_JSON);
        }

        /** The {@code id} of the body (a created resource's), or 0. */
        public long id() {
            return json().path("id").asLong();
        }

        /** The body as a problem (RFC 9457), whatever the status. */
        public Problem problem() {
            return Problem.of(status, json());
        }

        /** This answer, when its status is {@code expected}; otherwise an error naming {@code what} was tried. */
        public Response expect(int expected, String what) {
            if (status != expected) {
                throw new ApiProblemException(what + ": expected " + expected + ", got " + this, this);
            }
            return this;
        }

        private JsonNode parse(ObjectReader reader) {
            if (body.isBlank()) {
                return JSON.missingNode();
            }
            try {
                return reader.readTree(body);
            } catch (JsonProcessingException e) {
                return JSON.missingNode();
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + body;
        }
    }

    /** An answer whose body is bytes (a photo), with its headers. */
    public record BytesResponse(int status, HttpHeaders headers, byte[] body) {

        public BytesResponse {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }

        /** The first value of header {@code name}, or "". */
        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    /** Transport settings for a connection pool of its own. */
    public static final class Builder {

        private final String baseUrl;
        private HttpClient.@Nullable Version version;
        private @Nullable Duration connectTimeout = Duration.ofSeconds(5);
        private @Nullable Duration requestTimeout = Duration.ofSeconds(30);
        private boolean freshIdempotencyKeys;
        private int attempts = 1;

        private Builder(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        }

        /** The HTTP version to ask for; by default the JDK's (HTTP/2, falling back to 1.1). */
        public Builder httpVersion(HttpClient.Version version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** How long to wait for a connection; 5 s by default, null to wait as long as the system does. */
        public Builder connectTimeout(@Nullable Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long to wait for an answer; 30 s by default, null to wait until it comes. */
        public Builder requestTimeout(@Nullable Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Sends a fresh {@code Idempotency-Key} with every POST that does not carry one, as a client
         * making only new requests does (a retry must pass the first request's key itself).
         */
        public Builder freshIdempotencyKeys() {
            this.freshIdempotencyKeys = true;
            return this;
        }

        /**
         * Sends a request again, at most twice more, when its connection closed before any byte of an
         * answer came back. Jetty may close a connection after answering a request it refused unread,
         * and the JDK client may have sent the next request on it already: that one got no answer at
         * all, and any client sends it again. A server that really drops a request drops it every time.
         */
        public Builder retryWhenClosedBeforeAnswer() {
            this.attempts = 3;
            return this;
        }

        public ApiClient build() {
            return new ApiClient(baseUrl, transport(), null);
        }

        private Transport transport() {
            HttpClient.Builder http = HttpClient.newBuilder();
            if (version != null) {
                http.version(version);
            }
            if (connectTimeout != null) {
                http.connectTimeout(connectTimeout);
            }
            return new Transport(http.build(), requestTimeout, freshIdempotencyKeys, attempts);
        }
    }

    private final String baseUrl;
    private final Transport transport;
    private final @Nullable String bearerToken;

    /**
     * An anonymous client on the JVM's shared pool: the JDK's HTTP version, 5 s to connect, 30 s
     * for an answer.
     */
    public ApiClient(String baseUrl) {
        this(baseUrl, SHARED, null);
    }

    private ApiClient(String baseUrl, Transport transport, @Nullable String bearerToken) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.transport = transport;
        this.bearerToken = bearerToken;
    }

    /** Settings for a pool of its own, for {@code baseUrl} such as {@code http://127.0.0.1:8080}. */
    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    /** The same API and pool, calling with {@code Authorization: Bearer <token>}. */
    public ApiClient withToken(String token) {
        return new ApiClient(baseUrl, transport, Objects.requireNonNull(token, "token"));
    }

    /** The same API and pool without a token. */
    public ApiClient anonymous() {
        return bearerToken == null ? this : new ApiClient(baseUrl, transport, null);
    }

    /**
     * POST /api/auth/login: the same API and pool, signed in as that account. Anything but a token
     * raises an {@link ApiProblemException}.
     */
    public ApiClient login(String email, String password) {
        return withToken(loginToken(email, password));
    }

    /** POST /api/auth/login: the bearer token of the account, or an {@link ApiProblemException}. */
    public String loginToken(String email, String password) {
        String path = "/api/auth/login";
        Response response = anonymous().post(path, json("email", email, "password", password));
        if (response.status() != 200) {
            throw new ApiProblemException("POST", path, response);
        }
        JsonNode token = response.json().path("token");
        if (!token.isTextual()) {
            throw new ApiProblemException("POST", path, response, "no token in the answer");
        }
        return token.asText();
    }

    public @Nullable String bearerToken() {
        return bearerToken;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** {@code headers} are name and value pairs, as in {@code "X-Session-Id", "s-1"}. */
    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** A String {@code body} is sent as it is (raw JSON, or deliberately not JSON); anything else as JSON. */
    public Response post(String path, @Nullable Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Response patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** POSTs and returns the new resource's id; anything but 201 raises an {@link ApiProblemException}. */
    public long create(String path, Object body) {
        Response response = post(path, body);
        if (response.status() != 201) {
            throw new ApiProblemException("POST", path, response);
        }
        return response.id();
    }

    /**
     * Any verb; a null {@code body} sends none (and no Content-Type), a String is sent as it is,
     * anything else as JSON.
     */
    public Response send(String method, String path, @Nullable Object body, String... headers) {
        HttpRequest.Builder request = request(method, path, headers);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", JSON_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String raw ? raw : write(body)));
        }
        HttpResponse<String> response = exchange(method, path, request.build(), HttpResponse.BodyHandlers.ofString());
        long arrived = System.nanoTime();
        return new Response(response.statusCode(), response.headers(), response.body(), arrived);
    }

    /** POSTs raw bytes with the given Content-Type (null: no Content-Type header). */
    public Response postBytes(String path, @Nullable String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = request("POST", path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = exchange("POST", path, request.build(), HttpResponse.BodyHandlers.ofString());
        long arrived = System.nanoTime();
        return new Response(response.statusCode(), response.headers(), response.body(), arrived);
    }

    /** GETs a body that is bytes (a photo). */
    public BytesResponse getBytes(String path, String... headers) {
        HttpRequest request = request("GET", path, headers).GET().build();
        HttpResponse<byte[]> response = exchange("GET", path, request, HttpResponse.BodyHandlers.ofByteArray());
        return new BytesResponse(response.statusCode(), response.headers(), response.body());
    }

    /** A JSON object from alternating keys and values, in that order. */
    public static Map<String, Object> json(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs, got " + keysAndValues.length);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** {@code body} as JSON text. */
    public static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private HttpRequest.Builder request(String method, String path, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name and value pairs, got " + headers.length);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (transport.requestTimeout() != null) {
            builder.timeout(transport.requestTimeout());
        }
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        boolean keyed = false;
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
            keyed |= IDEMPOTENCY_KEY.equalsIgnoreCase(headers[i]);
        }
        if (transport.freshIdempotencyKeys() && !keyed && "POST".equals(method)) {
            builder.header(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        }
        return builder;
    }

    private <T> HttpResponse<T> exchange(String method, String path, HttpRequest request,
            HttpResponse.BodyHandler<T> handler) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transport.http().send(request, handler);
            } catch (IOException e) {
                if (attempt >= transport.attempts() || !String.valueOf(e.getMessage()).contains(CLOSED_BEFORE_ANSWER)) {
                    throw new ApiUnreachableException(method + " " + path + " got no answer from " + baseUrl + ": " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiUnreachableException(method + " " + path + " was interrupted", e);
            }
        }
    }
}
