package dev.streamcart.serving.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.problems.DomainException;

/**
 * Reads per-minute sales by category from ClickHouse's {@code sales_per_minute} (contract 4),
 * written by analytics-flink. {@code FINAL} merges the replayed versions of a row, so a minute is
 * never counted twice. Minutes travel as epoch seconds, so the server's time zone cannot shift them.
 */
public final class SalesPerMinute {

    public static final int MAX_MINUTES = 1_440;

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final ClickHouseClient clickHouse;
    private final Clock clock;

    public SalesPerMinute(ClickHouseClient clickHouse, Clock clock) {
        this.clickHouse = Objects.requireNonNull(clickHouse, "clickHouse");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Rows of the last {@code minutes} minutes, the current one included, oldest first. */
    public SalesReport lastMinutes(int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw DomainException.invalidInput("'minutes' must be from 1 to " + MAX_MINUTES);
        }
        long from = Instant.now(clock).truncatedTo(ChronoUnit.MINUTES).minus(minutes - 1L, ChronoUnit.MINUTES)
                .getEpochSecond();
        List<SalesRow> rows = new ArrayList<>();
        for (List<String> fields : clickHouse.rows("SELECT toUnixTimestamp(minute), category_id, orders, units, revenue_cents"
                + " FROM " + clickHouse.qualified("sales_per_minute") + " FINAL"
                + " WHERE minute >= toDateTime(" + from + ") ORDER BY minute, category_id")) {
            rows.add(parse(fields));
        }
        return new SalesReport(minutes, rows);
    }

    public boolean ping() {
        return clickHouse.ping(PING_TIMEOUT);
    }

    private static SalesRow parse(List<String> fields) {
        if (fields.size() != 5) {
            throw new IllegalStateException("unexpected ClickHouse row of " + fields.size() + " fields");
        }
        return new SalesRow(Instant.ofEpochSecond(Long.parseLong(fields.get(0))), Long.parseLong(fields.get(1)),
                Long.parseLong(fields.get(2)), Long.parseLong(fields.get(3)), Money.formatCents(Long.parseLong(fields.get(4))));
    }
}
