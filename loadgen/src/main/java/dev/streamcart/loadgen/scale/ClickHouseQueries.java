package dev.streamcart.loadgen.scale;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One-value ClickHouse queries over HTTP, for comparing totals with PostgreSQL's. */
final class ClickHouseQueries {

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    ClickHouseQueries(String url) {
        this.base = url.endsWith("/") ? url : url + "/";
    }

    /** The first line of the answer, or "" when ClickHouse does not answer. */
    String single(String sql) throws InterruptedException {
        URI query = URI.create(base + "?query=" + URLEncoder.encode(sql + " FORMAT TabSeparated", StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(query).timeout(Duration.ofSeconds(30)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body().trim() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
