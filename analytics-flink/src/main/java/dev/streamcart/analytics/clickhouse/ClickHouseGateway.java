package dev.streamcart.analytics.clickhouse;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;

/**
 * The few ClickHouse operations the platform needs, over {@code client-v2}'s HTTP transport, kept
 * to what ClickHouse 18.16 (the local server) and current versions both understand: response
 * compression is off (18.16's {@code compress=1} is broken), inserts are RowBinary streams and
 * queries carry an explicit {@code FORMAT TabSeparated} and are read as text.
 */
public final class ClickHouseGateway implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final Client client;
    private final String database;

    private ClickHouseGateway(Client client, String database) {
        this.client = client;
        this.database = database;
    }

    /**
     * A gateway to the endpoint's server. Statements name their tables with the database
     * ({@link #qualified(String)}): ClickHouse 18.16 ignores the {@code X-ClickHouse-Database}
     * header through which client-v2 sends a default database.
     */
    public static ClickHouseGateway open(ClickHouseEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        Client client = new Client.Builder()
                .addEndpoint(endpoint.url())
                .setUsername(endpoint.user())
                .setPassword(endpoint.password())
                .compressServerResponse(false)
                .compressClientRequest(false)
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(TIMEOUT_SECONDS, ChronoUnit.SECONDS)
                .build();
        return new ClickHouseGateway(client, endpoint.database());
    }

    public String database() {
        return database;
    }

    /** {@code table} prefixed with this gateway's database, e.g. {@code streamcart.sales_per_minute}. */
    public String qualified(String table) {
        return database + "." + table;
    }

    /** Runs a statement that returns no rows (DDL, INSERT ... VALUES). */
    public void execute(String sql) {
        release(await(client.execute(sql), sql), sql);
    }

    /** Runs a SELECT and returns its rows as TabSeparated fields (escape sequences left as sent). */
    public List<List<String>> select(String sql) {
        String statement = sql.strip() + " FORMAT TabSeparated";
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
        QueryResponse response = await(client.query(statement, settings), sql);
        List<List<String>> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                rows.add(Arrays.asList(line.split("\t", -1)));
            }
        } catch (IOException e) {
            throw new ClickHouseException("cannot read the result of: " + abbreviate(sql), e);
        } finally {
            release(response, sql);
        }
        return rows;
    }

    /** Inserts {@code rowBinary} (rows in the RowBinary format of {@code columns}) into {@code table} of this database. */
    public long insertRowBinary(String table, List<String> columns, byte[] rowBinary) throws IOException {
        try (InsertResponse response = await(client.insert(qualified(table), columns, new ByteArrayInputStream(rowBinary),
                ClickHouseFormat.RowBinary), "INSERT INTO " + qualified(table))) {
            return response.getWrittenRows();
        } catch (ClickHouseException e) {
            throw new IOException(e.getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IOException("ClickHouse insert into " + table + " failed", e);
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException("interrupted while waiting for ClickHouse: " + abbreviate(what), e);
        } catch (ExecutionException e) {
            throw new ClickHouseException("ClickHouse rejected: " + abbreviate(what) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ClickHouseException("ClickHouse did not answer within " + TIMEOUT_SECONDS + " s: " + abbreviate(what), e);
        }
    }

    private static void release(AutoCloseable response, String sql) {
        try {
            response.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new ClickHouseException("cannot release the response to: " + abbreviate(sql), e);
        }
    }

    private static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    @Override
    public void close() {
        client.close();
    }
}
