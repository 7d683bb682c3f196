package dev.streamcart.serving.badinput;

import static dev.streamcart.apiclient.ApiClient.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.badinput.BadInput.Caller;
import org.jspecify.annotations.Nullable;

/**
 * Sends raw requests to the API as one of the fixture's callers, and resolves the placeholders that
 * need a request of their own first: {@code @key} (a fresh Idempotency-Key), {@code @ticket} (a
 * stream ticket the caller asks for; empty when it may not have one) and {@code @freshAddress} (an
 * address the customer adds just before). Bodies are bytes, so a test can send what no JSON library
 * would write. An event stream's answer is not read past its headers: it would never end.
 */
final class FixtureClient {

    /** What came back. */
    record Answer(int status, String contentType, String body) {
        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final StoreFixture store;

    FixtureClient(String baseUrl, StoreFixture store) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Placeholders of a JSON body resolved (ids as numbers). */
    String fillJson(String body) {
        return store.fillJson(body);
    }

    /** Placeholders of a path, query or header value resolved for {@code caller}. */
    String resolve(String text, Caller caller) {
        String resolved = text;
        if (resolved.contains("@key")) {
            resolved = resolved.replace("@key", "fixture-" + UUID.randomUUID());
        }
        if (resolved.contains("@ticket")) {
            resolved = resolved.replace("@ticket", ticketOf(caller));
        }
        if (resolved.contains("@freshAddress")) {
            resolved = resolved.replace("@freshAddress", Long.toString(freshAddress()));
        }
        return store.fill(resolved);
    }

    /**
     * Sends a request with the caller's token (none for the anonymous one).
     *
     * @param rawPathAndQuery already resolved and percent-encoded as it should go on the wire
     * @throws IllegalArgumentException when the JDK client refuses to send it (a header with CR or LF)
     */
    Answer send(Caller caller, String method, String rawPathAndQuery, byte @Nullable [] body, @Nullable String contentType,
                List<String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + rawPathAndQuery))
                .timeout(Duration.ofSeconds(30));
        String token = store.token(caller);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<InputStream> response = ClosedConnectionRetry.send(HTTP, request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            try (InputStream in = response.body()) {
                String text = type.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), type, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + rawPathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String ticketOf(Caller caller) {
        String token = store.token(caller);
        if (token == null) {
            return "";
        }
        ApiClient.Response ticket = new ApiClient(baseUrl).withToken(token).post("/api/analytics/stream-tickets", "");
        return ticket.status() == 201 ? ticket.json().path("ticket").asText() : "";
    }

    /** An address of the customer other than the fixture's, added now when the customer may have one more. */
    private long freshAddress() {
        ApiClient customer = new ApiClient(baseUrl).withToken(Objects.requireNonNull(store.token(Caller.CUSTOMER)));
        ApiClient.Response address = customer.post(store.fill("/api/users/@customer/addresses"), json("type", "billing",
                "firstName", "Ada", "lastName", "Lovelace", "line1", "3 Spare St", "city", "Leeds", "postalCode", "LS1 1AA",
                "country", "GB"));
        if (address.status() == 201) {
            return address.id();
        }
        // at the cap of live addresses (requests before added many): one of them will do, but not the fixture's own
        String fixtures = store.fill("@address");
        for (JsonNode live : customer.get(store.fill("/api/users/@customer/addresses")).json().path("addresses")) {
            if (!live.path("id").asText().equals(fixtures)) {
                return live.path("id").asLong();
            }
        }
        throw new IllegalStateException("could not add an address for the customer: " + address);
    }
}
