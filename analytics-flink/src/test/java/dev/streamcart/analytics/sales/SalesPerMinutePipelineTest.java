package dev.streamcart.analytics.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.streamcart.analytics.sales.OrderEventFacts.SaleLine;
import dev.streamcart.schemas.order.OrderEventType;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The window logic on a local MiniCluster with a bounded in-memory source. Watermarks are
 * punctuated (one after each event, at its timestamp) so the order of firings is deterministic.
 */
class SalesPerMinutePipelineTest {

    private static final Instant MINUTE = Instant.parse("2026-03-14T10:00:00Z");
    private static final long MINUTE_SECONDS = MINUTE.getEpochSecond();
    private static final long NEXT_MINUTE_SECONDS = MINUTE_SECONDS + 60;
    private static final Duration ALLOWED_LATENESS = Duration.ofMinutes(2);

    /** Events of 2026-03-14 are hours behind the wall clock: only an endless horizon lets them fire early. */
    private static final Duration EVERY_MINUTE_IS_LIVE = Duration.ofDays(36_500);

    private static List<SalesRow> emitted;
    private static List<SalesRow> emittedAsBacklog;

    @BeforeAll
    static void runPipelineOnceForAllAssertions() throws Exception {
        List<OrderEventFacts> events = List.of(
                event("e1", 1, OrderEventType.ORDER_PLACED, 5, line(7, 2, 1999), line(8, 1, 500)),
                event("e2", 1, OrderEventType.ORDER_PAID, 10, line(7, 2, 1999), line(8, 1, 500)),
                // any order event moves event time on: past 10:00:15, the first early firing
                event("e2b", 6, OrderEventType.ORDER_PLACED, 16, line(9, 1, 100)),
                event("e3", 2, OrderEventType.ORDER_PAID, 20, line(7, 1, 1001)),
                // at-least-once delivery: the same payment again
                event("e3", 2, OrderEventType.ORDER_PAID, 20, line(7, 1, 1001)),
                // two lines of the same category in one order count as one order
                event("e4", 3, OrderEventType.ORDER_PAID, 70, line(7, 3, 333), line(7, 1, 1)),
                // a placed order at 2:10 moves the watermark past both minutes: they fire for good
                event("e5", 9, OrderEventType.ORDER_PLACED, 130),
                // late payment for the first minute, within the allowed lateness: the minute fires again
                event("e6", 4, OrderEventType.ORDER_PAID, 30, line(8, 2, 250)),
                // 5:00: the first minute's lateness (2 min) is over, its window is gone
                event("e7", 10, OrderEventType.PAYMENT_FAILED, 300),
                // too late: logged, not counted
                event("e8", 5, OrderEventType.ORDER_PAID, 40, line(7, 100, 100)));

        emitted = run(events, EVERY_MINUTE_IS_LIVE);
        emittedAsBacklog = run(events, Duration.ofMillis(1));
    }

    private static List<SalesRow> run(List<OrderEventFacts> events, Duration earlyFiringHorizon) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, loopbackOnly());
        DataStream<OrderEventFacts> timestamped = env
                .fromData(events, TypeInformation.of(OrderEventFacts.class))
                .assignTimestampsAndWatermarks(punctuatedAtEachEvent());
        List<SalesRow> collected = new ArrayList<>();
        CloseableIterator<SalesRow> rows = SalesPerMinutePipeline
                .salesRows(timestamped, ALLOWED_LATENESS, Duration.ofSeconds(15), earlyFiringHorizon)
                .executeAndCollect("sales pipeline test");
        try {
            rows.forEachRemaining(collected::add);
        } finally {
            rows.close();
        }
        return collected;
    }

    @Test
    void finalRowsHoldExactTotalsPerMinuteAndCategory() {
        assertThat(newestRowPerMinuteAndCategory()).containsOnly(
                Map.entry(key(MINUTE_SECONDS, 7), new SalesRow(MINUTE_SECONDS, 7, 2, 3, 2 * 1999 + 1001, 2)),
                Map.entry(key(MINUTE_SECONDS, 8), new SalesRow(MINUTE_SECONDS, 8, 2, 3, 500 + 2 * 250, 2)),
                Map.entry(key(NEXT_MINUTE_SECONDS, 7), new SalesRow(NEXT_MINUTE_SECONDS, 7, 1, 4, 3 * 333 + 1, 1)));
    }

    @Test
    void latePaymentWithinAllowedLatenessRefiresItsMinuteWithALargerVersion() {
        List<SalesRow> category8 = rowsOf(MINUTE_SECONDS, 8);
        assertThat(category8).extracting(SalesRow::revenueCents).containsExactly(500L, 1000L);
        assertThat(category8).extracting(SalesRow::version).containsExactly(1L, 2L);
        // the re-firing came after the minute had closed: after the next minute's final row
        assertThat(emitted.indexOf(category8.get(1)))
                .isGreaterThan(emitted.indexOf(rowsOf(NEXT_MINUTE_SECONDS, 7).get(0)));
    }

    @Test
    void earlyFiringsPublishPartialTotalsBeforeTheMinuteEnds() {
        // the 10:00:15 early firing saw only order 1; the 10:00:30 one saw orders 1 and 2
        assertThat(rowsOf(MINUTE_SECONDS, 7)).extracting(SalesRow::revenueCents).containsExactly(3998L, 4999L);
    }

    @Test
    void aBacklogsMinutesFireOnlyAtTheirEndAndForLateEventsWithTheSameFinalRows() {
        assertThat(newestRowPerMinuteAndCategory(emittedAsBacklog)).isEqualTo(newestRowPerMinuteAndCategory(emitted));
        assertThat(rowsOf(emittedAsBacklog, MINUTE_SECONDS, 7)).as("no early firing, the final row only")
                .extracting(SalesRow::revenueCents).containsExactly(4999L);
        assertThat(rowsOf(emittedAsBacklog, MINUTE_SECONDS, 8)).as("the late payment still re-fires its minute")
                .extracting(SalesRow::revenueCents).containsExactly(500L, 1000L);
    }

    @Test
    void versionsOfEachMinuteAndCategoryStrictlyGrow() {
        emitted.stream().collect(Collectors.groupingBy(row -> key(row.minuteEpochSecond(), row.categoryId())))
                .values().forEach(rows -> assertThat(rows).extracting(SalesRow::version).isSorted().doesNotHaveDuplicates());
    }

    @Test
    void paymentLaterThanTheAllowedLatenessIsNotCounted() {
        assertThat(emitted).noneMatch(row -> row.revenueCents() >= 10_000);
    }

    private static Map<String, SalesRow> newestRowPerMinuteAndCategory() {
        return newestRowPerMinuteAndCategory(emitted);
    }

    private static Map<String, SalesRow> newestRowPerMinuteAndCategory(List<SalesRow> rows) {
        return rows.stream().collect(Collectors.toMap(row -> key(row.minuteEpochSecond(), row.categoryId()),
                Function.identity(), (a, b) -> a.version() >= b.version() ? a : b));
    }

    private static List<SalesRow> rowsOf(long minute, long category) {
        return rowsOf(emitted, minute, category);
    }

    private static List<SalesRow> rowsOf(List<SalesRow> rows, long minute, long category) {
        return rows.stream().filter(row -> row.minuteEpochSecond() == minute && row.categoryId() == category)
                .sorted(Comparator.comparingLong(SalesRow::version)).toList();
    }

    private static String key(long minute, long category) {
        return minute + "/" + category;
    }

    private static OrderEventFacts event(String id, long orderId, OrderEventType type, int secondsAfterMinute, SaleLine... lines) {
        return new OrderEventFacts(id, orderId, type, MINUTE.plusSeconds(secondsAfterMinute).toEpochMilli(),
                new ArrayList<>(List.of(lines)));
    }

    private static SaleLine line(long category, int quantity, long unitPriceCents) {
        return new SaleLine(category, quantity, unitPriceCents);
    }

    private static Configuration loopbackOnly() {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.BIND_PORT, "0");
        return configuration;
    }

    private static WatermarkStrategy<OrderEventFacts> punctuatedAtEachEvent() {
        return WatermarkStrategy.<OrderEventFacts>forGenerator(context -> new WatermarkGenerator<>() {
            private long max = Long.MIN_VALUE;

            @Override
            public void onEvent(OrderEventFacts event, long timestamp, WatermarkOutput output) {
                max = Math.max(max, timestamp);
                output.emitWatermark(new Watermark(max));
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                // punctuated only
            }
        }).withTimestampAssigner((event, previous) -> event.occurredAtMillis());
    }
}
