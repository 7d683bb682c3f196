package dev.streamcart.loadgen.benchmark;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.streamcart.apiclient.ApiClient;

/**
 * The API client every benchmark calls with, anonymous until it signs in. All sessions made from
 * one share its HTTP/1.1 connection pool, like a fleet of shoppers behind one gateway; every POST
 * carries a fresh {@code Idempotency-Key}, as a client making a new request does. The figures of
 * the benchmarks were measured with exactly these settings.
 */
public final class BenchmarkClient {

    private BenchmarkClient() {}

    /** A client of the API at {@code apiUrl}, such as {@code http://127.0.0.1:8080}. */
    public static ApiClient forApi(String apiUrl) {
        return ApiClient.builder(apiUrl)
                .httpVersion(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(30))
                .freshIdempotencyKeys()
                .build();
    }
}
