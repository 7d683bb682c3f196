package dev.streamcart.schemas.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import org.jspecify.annotations.Nullable;

/**
 * The platform's one way to ClickHouse (the Flink sinks, the migrations, the analytics API, the
 * benchmarks), over {@code client-v2}'s HTTP transport, kept to what ClickHouse 18.16 (the local
 * server) and current versions both understand: HTTP compression is off (18.16's
 * {@code compress=1} is broken), inserts are RowBinary streams, and queries are answered in the
 * Native format and read with client-v2's typed reader, so strings arrive as sent (no escaping to
 * undo) and Decimals as {@link BigDecimal}. Statements name their tables with the database
 * ({@link #qualified(String)}): 18.16 ignores the {@code X-ClickHouse-Database} header through which
 * client-v2 sends a default database. Every failure is a {@link ClickHouseException}.
 */
public final class ClickHouseClient implements AutoCloseable {

    /** For batch work (sinks, migrations): a slow merge may hold an insert for a while. */
    public static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration BATCH_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Client client;
    private final String database;
    private final Duration timeout;

    private ClickHouseClient(Client client, String database, Duration timeout) {
        this.client = client;
        this.database = database;
        this.timeout = timeout;
    }

    /** A client for batch work: 5 s to connect, {@link #BATCH_TIMEOUT} for each statement. */
    public static ClickHouseClient open(ClickHouseSettings settings) {
        return open(settings, BATCH_CONNECT_TIMEOUT, BATCH_TIMEOUT);
    }

    /** A client whose connections are made within {@code connectTimeout} and statements answered within {@code timeout}. */
    public static ClickHouseClient open(ClickHouseSettings settings, Duration connectTimeout, Duration timeout) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeout, "timeout");
        Client client = new Client.Builder()
                .addEndpoint(settings.url())
                .setUsername(settings.user())
                .setPassword(settings.password())
                .compressServerResponse(false)
                .compressClientRequest(false)
                .useHttpCompression(false)
                .setConnectTimeout(connectTimeout.toMillis(), ChronoUnit.MILLIS)
                .setSocketTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
                .build();
        return new ClickHouseClient(client, settings.database(), timeout);
    }

    public String database() {
        return database;
    }

    /** {@code table} prefixed with this client's database, e.g. {@code streamcart.sales_per_minute}. */
    public String qualified(String table) {
        return database + "." + table;
    }

    /** Runs a statement that returns no rows (DDL, INSERT ... VALUES, INSERT ... SELECT). */
    public void execute(String sql) {
        release(await(() -> client.execute(sql), sql), sql);
    }

    /**
     * Hands {@code sql}'s rows (a SELECT without a FORMAT clause) to {@code row} as they stream in, the
     * reader standing on each row in turn: typed getters ({@code getLong}, {@code getString},
     * {@code getBigDecimal}) by 1-based column index or by name.
     */
    public void forEachRow(String sql, Consumer<ClickHouseBinaryFormatReader> row) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.Native);
        QueryResponse response = await(() -> client.query(sql.strip() + " FORMAT Native", settings), sql);
        try {
            ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
            while (reader.hasNext()) {
                reader.next();
                row.accept(reader);
            }
        } catch (ClickHouseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ClickHouseException("cannot read the result of: " + abbreviate(sql), e);
        } finally {
            release(response, sql);
        }
    }

    /**
     * {@code sql}'s rows with each value as text: strings as stored, numbers in plain decimal
     * notation (a Decimal keeps its scale: {@code 12.50}), DateTimes as {@code yyyy-MM-dd HH:mm:ss}.
     */
    public List<List<String>> rows(String sql) {
        List<List<String>> rows = new ArrayList<>();
        forEachRow(sql, reader -> {
            int columns = reader.getSchema().getColumns().size();
            List<String> values = new ArrayList<>(columns);
            for (int column = 1; column <= columns; column++) {
                values.add(text(reader.readValue(column)));
            }
            rows.add(values);
        });
        return rows;
    }

    /** The one value {@code sql} selects, as {@link #rows} writes it; empty when there is no row. */
    public String scalar(String sql) {
        List<List<String>> rows = rows(sql);
        return rows.isEmpty() ? "" : rows.get(0).get(0);
    }

    /**
     * The first {@code columns} columns of {@code sql}'s rows as numbers (UInt64 up to 2^63 - 1), one
     * array per column, read as they stream in: a million ids without a million row objects.
     */
    public long[][] longColumns(String sql, int columns) {
        long[][] values = new long[columns][1024];
        int[] size = {0};
        forEachRow(sql, reader -> {
            if (size[0] == values[0].length) {
                for (int column = 0; column < columns; column++) {
                    values[column] = Arrays.copyOf(values[column], size[0] * 2);
                }
            }
            for (int column = 0; column < columns; column++) {
                values[column][size[0]] = reader.getLong(column + 1);
            }
            size[0]++;
        });
        for (int column = 0; column < columns; column++) {
            values[column] = Arrays.copyOf(values[column], size[0]);
        }
        return values;
    }

    /** Inserts {@code rowBinary} (rows in the RowBinary format of {@code columns}) into {@code table} of this database. */
    public long insertRowBinary(String table, List<String> columns, byte[] rowBinary) throws IOException {
        try (InsertResponse response = await(() -> client.insert(qualified(table), columns, new ByteArrayInputStream(rowBinary),
                ClickHouseFormat.RowBinary), "INSERT INTO " + qualified(table))) {
            return response.getWrittenRows();
        } catch (ClickHouseException e) {
            throw new IOException(e.getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IOException("ClickHouse insert into " + table + " failed", e);
        }
    }

    /** Whether the server answers a ping within {@code timeout}. */
    public boolean ping(Duration timeout) {
        return client.ping(timeout.toMillis());
    }

    private static String text(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof ZonedDateTime time) {
            return DATE_TIME.format(time);
        }
        return value.toString();
    }

    private <T> T await(Supplier<CompletableFuture<T>> request, String what) {
        CompletableFuture<T> future;
        try {
            // client-v2 throws some refusals (an HTTP error status) at once instead of failing the future
            future = request.get();
        } catch (RuntimeException e) {
            throw new ClickHouseException("ClickHouse rejected: " + abbreviate(what) + ": " + e.getMessage(), e);
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException("interrupted while waiting for ClickHouse: " + abbreviate(what), e);
        } catch (ExecutionException e) {
            throw new ClickHouseException("ClickHouse rejected: " + abbreviate(what) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ClickHouseException("ClickHouse did not answer within " + timeout.toSeconds() + " s: " + abbreviate(what), e);
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
