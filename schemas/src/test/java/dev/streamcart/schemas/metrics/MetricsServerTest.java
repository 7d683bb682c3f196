package dev.streamcart.schemas.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheRegistryInPrometheusTextFormatOnLoopback() throws Exception {
        try (ServiceMetrics metrics = ServiceMetrics.forService("test-service");
             MetricsServer server = MetricsServer.start(MetricsSettings.loopback(0), metrics, "test-service")) {
            metrics.registry().counter("streamcart.test.things", "kind", "a").increment(3);

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url())).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(server.url()).startsWith("http://127.0.0.1:");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains(ServiceMetrics.CONTENT_TYPE);
            assertThat(response.body())
                    .contains("streamcart_test_things_total{kind=\"a\",service=\"test-service\"} 3.0")
                    .contains("jvm_memory_used_bytes")
                    .contains("process_uptime_seconds");
        }
    }

    @Test
    void answersNothingButMetrics() throws Exception {
        try (ServiceMetrics metrics = ServiceMetrics.forService("test-service");
             MetricsServer server = MetricsServer.start(MetricsSettings.loopback(0), metrics, "test-service")) {
            String base = "http://127.0.0.1:" + server.port();

            HttpResponse<Void> other = http.send(HttpRequest.newBuilder(URI.create(base + "/metricsx")).build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> post = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }
}
