package dev.streamcart.serving.analytics;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.jspecify.annotations.Nullable;

/**
 * Reads per-minute sales by category from ClickHouse's {@code sales_per_minute} (contract 4),
 * written by analytics-flink. {@code FINAL} merges the replayed versions of a row, so a minute is
 * never counted twice. Minutes travel as epoch seconds, so the server's time zone cannot shift them.
 */
public final class SalesPerMinute implements AutoCloseable {

    public static final int MAX_MINUTES = 1_440;

    private final Client client;
    private final String database;
    private final Clock clock;

    public SalesPerMinute(ClickHouseSettings settings, Clock clock) {
        this.database = settings.database();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = new Client.Builder()
                .addEndpoint(settings.url())
                .setUsername(settings.user())
                .setPassword(settings.password())
                // ClickHouse 18.16 answers compressed responses wrongly: keep HTTP compression off
                .compressServerResponse(false)
                .compressClientRequest(false)
                .useHttpCompression(false)
                .setConnectTimeout(2, ChronoUnit.SECONDS)
                .setSocketTimeout(10, ChronoUnit.SECONDS)
                .build();
    }

    /** Rows of the last {@code minutes} minutes, the current one included, oldest first. */
    public SalesReport lastMinutes(int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw DomainException.invalidInput("'minutes' must be from 1 to " + MAX_MINUTES);
        }
        long from = Instant.now(clock).truncatedTo(ChronoUnit.MINUTES).minus(minutes - 1L, ChronoUnit.MINUTES)
                .getEpochSecond();
        String sql = "SELECT toUnixTimestamp(minute), category_id, orders, units, revenue_cents"
                + " FROM " + database + ".sales_per_minute FINAL"
                + " WHERE minute >= toDateTime(" + from + ")"
                + " ORDER BY minute, category_id FORMAT TabSeparated";
        List<SalesRow> rows = new ArrayList<>();
        QueryResponse response = null;
        try {
            response = client.query(sql).get(10, TimeUnit.SECONDS);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    rows.add(parse(line));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (Exception e) {
            throw unavailable(e);
        } finally {
            closeQuietly(response);
        }
        return new SalesReport(minutes, rows);
    }

    private static void closeQuietly(@Nullable QueryResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close(); // also closes the response stream
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean ping() {
        return client.ping(2_000);
    }

    private static SalesRow parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 5) {
            throw new IllegalStateException("unexpected ClickHouse row: " + line);
        }
        return new SalesRow(Instant.ofEpochSecond(Long.parseLong(fields[0])), Long.parseLong(fields[1]),
                Long.parseLong(fields[2]), Long.parseLong(fields[3]), Money.formatCents(Long.parseLong(fields[4])));
    }

    private static DomainException unavailable(Exception cause) {
        DomainException problem = new DomainException(ProblemKind.UNAVAILABLE,
                "sales figures are unavailable: ClickHouse did not answer (" + cause.getClass().getSimpleName() + ")");
        problem.initCause(cause);
        return problem;
    }

    @Override
    public void close() {
        client.close();
    }
}
