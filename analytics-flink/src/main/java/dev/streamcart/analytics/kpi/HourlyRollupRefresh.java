package dev.streamcart.analytics.kpi;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.HourlyRollups;

/**
 * Keeps the hourly roll-ups ({@link HourlyRollups}) in step with the minute rows this writer
 * inserted: it notes each hour that received minute rows and, when asked (before every checkpoint),
 * recomputes those hours from the minute tables, one statement per run of consecutive hours. Doing
 * it before the checkpoint completes means no noted hour is lost by a restart: the rows written
 * after that checkpoint are written again by the replay, which notes their hours again.
 */
final class HourlyRollupRefresh {

    private final ClickHouseClient gateway;
    private final Map<HourlyRollups, NavigableSet<Long>> pending = new EnumMap<>(HourlyRollups.class);
    private final Map<KpiTable, List<HourlyRollups>> rollupsOf = new EnumMap<>(KpiTable.class);

    HourlyRollupRefresh(ClickHouseClient gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        for (KpiTable table : KpiTable.values()) {
            rollupsOf.put(table, HourlyRollups.of(table.tableName()));
        }
    }

    /** Notes that rows of {@code table} were written for the minute starting at {@code minuteEpochSecond}. */
    void written(KpiTable table, long minuteEpochSecond) {
        List<HourlyRollups> rollups = rollupsOf.get(table);
        if (rollups.isEmpty()) {
            return;
        }
        long hour = HourlyRollups.hourOf(minuteEpochSecond);
        for (HourlyRollups rollup : rollups) {
            pending.computeIfAbsent(rollup, r -> new TreeSet<>()).add(hour);
        }
    }

    /** Recomputes every noted hour; an hour stays noted until its statement succeeded. */
    void refresh() {
        for (Map.Entry<HourlyRollups, NavigableSet<Long>> entry : pending.entrySet()) {
            HourlyRollups rollup = entry.getKey();
            NavigableSet<Long> hours = entry.getValue();
            for (long[] run : runs(hours)) {
                gateway.execute(rollup.recompute(gateway.database(), run[0], run[1]));
                hours.subSet(run[0], true, run[1], false).clear();
            }
        }
    }

    /** Consecutive hours as half-open {@code [from, to)} ranges. */
    static List<long[]> runs(NavigableSet<Long> hours) {
        List<long[]> runs = new ArrayList<>();
        long[] current = null;
        for (long hour : hours) {
            if (current != null && current[1] == hour) {
                current[1] = hour + HourlyRollups.HOUR_SECONDS;
            } else {
                current = new long[] {hour, hour + HourlyRollups.HOUR_SECONDS};
                runs.add(current);
            }
        }
        return runs;
    }
}
