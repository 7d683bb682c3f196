package dev.streamcart.serving.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * PATCH, PUT, DELETE and binary bodies for an {@link ApiClient} (which speaks GET and POST with
 * JSON), calling with the client's bearer token. Kept apart from ApiClient so several branches can
 * extend the test helpers without colliding; fold it in when convenient.
 */
public final class OtherVerbs {

    /** A response whose body is bytes (a photo), with its headers. */
    public record BytesResponse(int status, HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OtherVerbs() {}

    public static ApiClient.Response patch(ApiClient client, String path, Object body) {
        return json(client, "PATCH", path, body);
    }

    public static ApiClient.Response put(ApiClient client, String path, Object body) {
        return json(client, "PUT", path, body);
    }

    public static ApiClient.Response delete(ApiClient client, String path) {
        return text(request(client, path).DELETE());
    }

    /** POSTs raw bytes with the given Content-Type (null: no Content-Type header). */
    public static ApiClient.Response postBytes(ApiClient client, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = request(client, path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return text(request);
    }

    public static BytesResponse getBytes(ApiClient client, String path, String... headers) {
        HttpRequest.Builder request = request(client, path).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new BytesResponse(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ApiClient.Response json(ApiClient client, String method, String path, Object body) {
        String text = body instanceof String raw ? raw : ApiClient.write(body);
        return text(request(client, path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text)));
    }

    private static HttpRequest.Builder request(ApiClient client, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (client.bearerToken() != null) {
            builder.header("Authorization", "Bearer " + client.bearerToken());
        }
        return builder;
    }

    private static ApiClient.Response text(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
