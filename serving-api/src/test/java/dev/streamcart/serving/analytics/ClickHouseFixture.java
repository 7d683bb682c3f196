package dev.streamcart.serving.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.streamcart.schemas.clickhouse.HourlyRollups;

/**
 * The shared ClickHouse schema (schemas' classpath folder {@code clickhouse}, as analytics-flink
 * applies it) in a test server, and rows written the way the Flink job writes them.
 */
public final class ClickHouseFixture {

    static final List<String> SCRIPTS = List.of("V1__sales_per_minute.sql", "V2__kpis.sql", "V3__hourly_rollups.sql");

    private final String url;

    public ClickHouseFixture(String url) {
        this.url = url;
    }

    /** Creates the database and applies every contract script, statement by statement. */
    public ClickHouseFixture applySchema() {
        execute("CREATE DATABASE IF NOT EXISTS streamcart");
        for (String script : SCRIPTS) {
            for (String statement : statements(read("/clickhouse/" + script))) {
                execute(statement.replace("${database}", "streamcart"));
            }
        }
        return this;
    }

    /**
     * Recomputes every hourly roll-up over {@code [fromHour, toHour)} from the minute rows written so
     * far, as analytics-flink does at each checkpoint for the hours it wrote.
     */
    public void rollUp(long fromHour, long toHour) {
        for (HourlyRollups rollup : HourlyRollups.values()) {
            execute(rollup.recompute("streamcart", fromHour, toHour));
        }
    }

    public void execute(String sql) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/")).POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(sql + " -> " + response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String query(String sql) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/")).POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(sql + " -> " + response.body()).isEqualTo(200);
            return response.body().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The script without its comment lines, split at semicolons (the scripts hold no string with one). */
    static List<String> statements(String script) {
        String code = script.lines().filter(line -> !line.trim().startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(code.split(";")).map(String::trim).filter(statement -> !statement.isEmpty()).toList();
    }

    private static String read(String resource) {
        try (InputStream in = ClickHouseFixture.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath (schemas module)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
