package dev.streamcart.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.streamcart.analytics.sales.OrderEventFacts;
import dev.streamcart.analytics.sales.OrderEventFacts.SaleLine;
import dev.streamcart.schemas.clickstream.ClickType;
import dev.streamcart.schemas.order.OrderEventType;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
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
 * The KPI pipeline on a local MiniCluster with in-memory sources: the newest row of every table
 * holds exactly what the events add up to, redelivered events count once, and each row's
 * versions strictly grow. (Lateness and early firings are covered by the sales pipeline's test,
 * which uses the same windows, and end to end by {@code SalesPerMinuteJobTest}.)
 */
class KpiPipelineTest {

    private static final Instant MINUTE = Instant.parse("2026-03-14T10:00:00Z");
    private static final long M0 = MINUTE.getEpochSecond();
    private static final long M1 = M0 + 60;

    private static List<KpiRow> emitted;

    @BeforeAll
    static void runPipelineOnceForAllAssertions() throws Exception {
        OrderEventFacts paid = order("o1", 1, 11, OrderEventType.ORDER_PAID, 10, 2500, "card", "",
                List.of(new SaleLine(100, 1, 7, 2, 1000, "als"), new SaleLine(101, 2, 8, 1, 500, "")), List.of(), 0);
        List<OrderEventFacts> orders = List.of(
                paid,
                paid, // redelivered
                order("o2", 2, 12, OrderEventType.PAYMENT_FAILED, 20, 700, "paypal", "card_declined",
                        List.of(new SaleLine(102, 1, 7, 1, 700, "")), List.of(), 0),
                order("o3", 1, 11, OrderEventType.ORDER_PARTIALLY_REFUNDED, 70, 2500, "", "", List.of(),
                        List.of(new SaleLine(100, 1, 7, 1, 1000, "als")), 1000),
                order("o4", 1, 11, OrderEventType.ORDER_SHIPPED, 80, 2500, "", "", List.of(), List.of(), 0));
        ClickFacts impression = click("c3", 11, ClickType.RECOMMENDATION_IMPRESSION, 100, 7, "als", 4);
        List<ClickFacts> clicks = List.of(
                impression,
                impression, // redelivered
                click("c1", 11, ClickType.PRODUCT_VIEW, 100, 7, "als", 5),
                click("c2", 0, ClickType.CART_ADD, 100, 7, "", 6),
                click("c4", 11, ClickType.CHECKOUT_START, 0, 0, "", 8),
                click("c5", 0, ClickType.SEARCH, 0, 0, "", 9));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, loopbackOnly());
        DataStream<OrderEventFacts> orderStream = env.fromData(orders, TypeInformation.of(OrderEventFacts.class))
                .assignTimestampsAndWatermarks(ascending((event, previous) -> event.occurredAtMillis()));
        DataStream<ClickFacts> clickStream = env.fromData(clicks, TypeInformation.of(ClickFacts.class))
                .assignTimestampsAndWatermarks(ascending((click, previous) -> click.occurredAtMillis()));
        emitted = new ArrayList<>();
        try (CloseableIterator<KpiRow> rows = KpiPipeline.kpiRows(orderStream, clickStream,
                new KpiPipeline.Settings(Duration.ofMinutes(5), Duration.ofSeconds(15), Duration.ofDays(36_500),
                        Duration.ofHours(1), Duration.ofDays(1)))
                .executeAndCollect("kpi pipeline test")) {
            rows.forEachRemaining(emitted::add);
        }
    }

    @Test
    void newestRowOfEveryTableHoldsExactlyWhatTheEventsAddUpTo() {
        String[] euUsd = {"EU", "USD"};
        assertThat(newestRows()).containsExactlyInAnyOrder(
                new KpiRow(KpiTable.PRODUCT_SALES, new long[] {M0, 100, 1, 7, 1, 2, 2000, 0, 0}, euUsd, 1),
                new KpiRow(KpiTable.PRODUCT_SALES, new long[] {M0, 101, 2, 8, 1, 1, 500, 0, 0}, euUsd, 1),
                new KpiRow(KpiTable.PRODUCT_SALES, new long[] {M1, 100, 1, 7, 0, 0, 0, 1, 1000}, euUsd, 1),
                new KpiRow(KpiTable.ORDER_TOTALS, new long[] {M0, 1, 2500, 0, 0}, new String[] {"USD"}, 1),
                new KpiRow(KpiTable.ORDER_TOTALS, new long[] {M1, 0, 0, 1, 1000}, new String[] {"USD"}, 1),
                // ACTIVE 11 in the first minute: the payment, a view, an impression, a checkout
                new KpiRow(KpiTable.USER_ACTIVITY, new long[] {M0, 11}, new String[] {"ACTIVE"}, 4),
                new KpiRow(KpiTable.USER_ACTIVITY, new long[] {M0, 11}, new String[] {"BUYER"}, 1),
                new KpiRow(KpiTable.USER_ACTIVITY, new long[] {M0, 12}, new String[] {"ACTIVE"}, 1),
                new KpiRow(KpiTable.USER_ACTIVITY, new long[] {M1, 11}, new String[] {"ACTIVE"}, 2),
                new KpiRow(KpiTable.FUNNEL, new long[] {M0, 7, 1}, new String[] {"PRODUCT_VIEW"}, 1),
                new KpiRow(KpiTable.FUNNEL, new long[] {M0, 7, 1}, new String[] {"CART_ADD"}, 1),
                new KpiRow(KpiTable.FUNNEL, new long[] {M0, 0, 1}, new String[] {"CHECKOUT_START"}, 1),
                new KpiRow(KpiTable.FUNNEL, new long[] {M0, 0, 1}, new String[] {"PAID"}, 1),
                new KpiRow(KpiTable.PAYMENTS, new long[] {M0, 1, 2500}, new String[] {"card", "SUCCEEDED", "", "USD"}, 1),
                new KpiRow(KpiTable.PAYMENTS, new long[] {M0, 1, 700}, new String[] {"paypal", "FAILED", "card_declined", "USD"}, 1),
                new KpiRow(KpiTable.RECOMMENDATION_VARIANTS, new long[] {M0, 1, 1, 0, 0, 0, 0}, new String[] {"als", ""}, 2),
                new KpiRow(KpiTable.RECOMMENDATION_VARIANTS, new long[] {M0, 0, 0, 0, 1, 2, 2000}, new String[] {"als", "USD"}, 1),
                new KpiRow(KpiTable.ORDER_FULFILMENT, new long[] {1, M0 + 10, M0 + 80, 0}, new String[0], 2),
                // lags are given by the test: 100 ms CDC, 7 ms in the job
                new KpiRow(KpiTable.PIPELINE_LAG, new long[] {M0, 2, 100, 100, 100}, new String[] {"cdc"}, 2),
                new KpiRow(KpiTable.PIPELINE_LAG, new long[] {M0, 7, 7, 7, 7}, new String[] {"analytics"}, 7),
                new KpiRow(KpiTable.PIPELINE_LAG, new long[] {M1, 2, 100, 100, 100}, new String[] {"cdc"}, 2),
                new KpiRow(KpiTable.PIPELINE_LAG, new long[] {M1, 2, 7, 7, 7}, new String[] {"analytics"}, 2));
    }

    @Test
    void versionsOfEachRowStrictlyGrow() {
        emitted.stream().collect(Collectors.groupingBy(KpiRow::identity)).values()
                .forEach(rows -> assertThat(rows).extracting(KpiRow::version).isSorted().doesNotHaveDuplicates());
    }

    private static Collection<KpiRow> newestRows() {
        Map<String, KpiRow> newest = emitted.stream().collect(Collectors.toMap(KpiRow::identity, Function.identity(),
                (a, b) -> a.version() >= b.version() ? a : b));
        return newest.values();
    }

    private static OrderEventFacts order(String eventId, long orderId, long userId, OrderEventType type, int second,
            long totalCents, String method, String reason, List<SaleLine> lines, List<SaleLine> refunded, long refundedCents) {
        long at = MINUTE.plusSeconds(second).toEpochMilli();
        return new OrderEventFacts(eventId, orderId, userId, type, at, at + 100, at + 107, "USD", totalCents, "EU", method,
                reason, refundedCents, new ArrayList<>(lines), new ArrayList<>(refunded));
    }

    private static ClickFacts click(String eventId, long userId, ClickType type, long productId, long categoryId,
            String variant, int second) {
        long at = MINUTE.plusSeconds(second).toEpochMilli();
        return new ClickFacts(eventId, userId, type, productId, categoryId, variant, at, at + 50, at + 57);
    }

    private static <T> WatermarkStrategy<T> ascending(SerializableTimestampAssigner<T> eventTime) {
        return WatermarkStrategy.<T>forMonotonousTimestamps().withTimestampAssigner(eventTime);
    }

    private static Configuration loopbackOnly() {
        Configuration configuration = new Configuration();
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.BIND_PORT, "0");
        return configuration;
    }
}
