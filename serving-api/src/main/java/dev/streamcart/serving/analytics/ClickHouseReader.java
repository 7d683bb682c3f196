package dev.streamcart.serving.analytics;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.jspecify.annotations.Nullable;

/**
 * Runs read queries (and the inventory check's inserts) against ClickHouse over HTTP and hands back
 * TabSeparated rows. Every caller builds its SQL from validated values only (ids, epoch seconds,
 * three-letter currencies, the checked database name); a failure is a 503 for the API.
 */
public final class ClickHouseReader implements AutoCloseable {

    private final Client client;
    private final String database;

    public ClickHouseReader(ClickHouseSettings settings) {
        this.database = settings.database();
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

    /** {@code database.table}, for splicing into SQL. */
    String table(String name) {
        return database + "." + name;
    }

    /** The rows of {@code sql} (without a FORMAT clause), each split into its unescaped fields. */
    List<String[]> rows(String sql) {
        List<String[]> rows = new ArrayList<>();
        forEachLine(sql, line -> {
            String[] fields = line.split("\t", -1);
            for (int i = 0; i < fields.length; i++) {
                fields[i] = unescape(fields[i]);
            }
            rows.add(fields);
        });
        return rows;
    }

    /**
     * The first {@code columns} columns of {@code sql}'s rows as numbers (UInt64 up to 2^63 - 1), one
     * array per column, read as they stream in: a million ids without a million row arrays.
     */
    long[][] longColumns(String sql, int columns) {
        long[][] values = new long[columns][1024];
        int[] size = {0};
        forEachLine(sql, line -> {
            if (size[0] == values[0].length) {
                for (int column = 0; column < columns; column++) {
                    values[column] = Arrays.copyOf(values[column], size[0] * 2);
                }
            }
            int start = 0;
            for (int column = 0; column < columns; column++) {
                int tab = line.indexOf('\t', start);
                int end = tab < 0 ? line.length() : tab;
                values[column][size[0]] = Long.parseLong(line, start, end, 10);
                start = end + 1;
            }
            size[0]++;
        });
        for (int column = 0; column < columns; column++) {
            values[column] = Arrays.copyOf(values[column], size[0]);
        }
        return values;
    }

    /** Hands each non-empty TabSeparated line of {@code sql}'s answer to {@code line}, as it streams in. */
    private void forEachLine(String sql, Consumer<String> line) {
        QueryResponse response = null;
        try {
            response = client.query(sql + " FORMAT TabSeparated").get(10, TimeUnit.SECONDS);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8));
            String next;
            while ((next = reader.readLine()) != null) {
                if (!next.isEmpty()) {
                    line.accept(next);
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
    }

    /** Runs a statement that returns nothing (an INSERT). */
    void execute(String sql) {
        QueryResponse response = null;
        try {
            response = client.query(sql).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (Exception e) {
            throw unavailable(e);
        } finally {
            closeQuietly(response);
        }
    }

    public boolean ping() {
        return client.ping(2_000);
    }

    // TabSeparated escapes backslash, tab and newline inside strings
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case '0' -> '\0';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void closeQuietly(@Nullable QueryResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static DomainException unavailable(Exception cause) {
        DomainException problem = new DomainException(ProblemKind.UNAVAILABLE,
                "analytics figures are unavailable: ClickHouse did not answer (" + cause.getClass().getSimpleName() + ")");
        problem.initCause(cause);
        return problem;
    }

    @Override
    public void close() {
        client.close();
    }
}
