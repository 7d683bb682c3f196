package dev.streamcart.analytics.kpi;

import java.time.Duration;
import java.util.Objects;

import dev.streamcart.analytics.clickhouse.ClickHouseSink;
import dev.streamcart.analytics.sales.LateEventLog;
import dev.streamcart.analytics.sales.LiveEarlyFiringTrigger;
import dev.streamcart.analytics.sales.OrderEventFacts;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live KPIs of {@code V2__kpis.sql}, from timestamped order and click events to {@link KpiRow}s;
 * the job puts Kafka in front and ClickHouse behind, a test an in-memory source and a collecting sink.
 */
public final class KpiPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(KpiPipeline.class);

    static final OutputTag<MinuteFact> FACTS_TOO_LATE = new OutputTag<>("kpi-facts-too-late", Types.POJO(MinuteFact.class));

    /**
     * @param allowedLateness     how long after its minute a window still accepts (and re-emits for) late events
     * @param earlyFiringInterval event-time interval of early (partial) rows while a minute is open
     * @param earlyFiringHorizon  how far behind the wall clock a minute may be to fire early at all
     * @param dedupTimeToLive     how long an event id is remembered to drop a redelivery
     * @param fulfilmentTimeToLive how long an order's fulfilment steps are kept waiting for the next step
     */
    public record Settings(Duration allowedLateness, Duration earlyFiringInterval, Duration earlyFiringHorizon,
            Duration dedupTimeToLive, Duration fulfilmentTimeToLive) {

        public Settings {
            Objects.requireNonNull(allowedLateness, "allowedLateness");
            Objects.requireNonNull(earlyFiringInterval, "earlyFiringInterval");
            Objects.requireNonNull(earlyFiringHorizon, "earlyFiringHorizon");
            Objects.requireNonNull(dedupTimeToLive, "dedupTimeToLive");
            Objects.requireNonNull(fulfilmentTimeToLive, "fulfilmentTimeToLive");
        }
    }

    private KpiPipeline() {}

    /** The KPI rows' sink: each row to its table, through {@link KpiRowWriter}. */
    public static Sink<KpiRow> clickHouseSink(ClickHouseSettings endpoint, Duration flushInterval) {
        return new ClickHouseSink<>(endpoint, flushInterval, KpiRowWriter::new);
    }

    /**
     * @param orders order events whose timestamps and watermarks are already assigned
     * @param clicks click events whose timestamps and watermarks are already assigned
     */
    public static DataStream<KpiRow> kpiRows(DataStream<OrderEventFacts> orders, DataStream<ClickFacts> clicks,
            Settings settings) {
        // 1. each event once: CDC and Kafka may deliver an event twice, and the KPIs are sums
        DataStream<OrderEventFacts> uniqueOrders = orders
                .keyBy(OrderEventFacts::eventId, Types.STRING)
                .process(new FirstDelivery<OrderEventFacts>(settings.dedupTimeToLive()), orders.getType())
                .name("drop redelivered order events").uid("kpi-dedup-order-events");
        DataStream<ClickFacts> uniqueClicks = clicks
                .keyBy(ClickFacts::eventId, Types.STRING)
                .process(new FirstDelivery<ClickFacts>(settings.dedupTimeToLive()), clicks.getType())
                .name("drop redelivered click events").uid("kpi-dedup-click-events");

        // 2. every event becomes the facts it adds to per-minute rows (keeping its event time)
        DataStream<MinuteFact> facts = uniqueOrders
                .flatMap(new OrderKpiFacts(), Types.POJO(MinuteFact.class)).name("order event facts").uid("kpi-order-facts")
                .union(uniqueClicks.flatMap(new ClickKpiFacts(), Types.POJO(MinuteFact.class))
                        .name("click event facts").uid("kpi-click-facts"));

        // 3. one-minute event-time windows per row: early rows while the minute is open, the final
        //    row when the watermark passes its end, one more row per late event within the lateness
        SingleOutputStreamOperator<KpiRow> minuteRows = facts
                .keyBy(MinuteFact::rowKey, Types.STRING)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(settings.allowedLateness())
                .sideOutputLateData(FACTS_TOO_LATE)
                .trigger(LiveEarlyFiringTrigger.of(settings.earlyFiringInterval(), settings.earlyFiringHorizon()))
                .aggregate(new MinuteSums(), new MinuteRows(), Types.POJO(MinuteSum.class), Types.POJO(MinuteSum.class),
                        Types.POJO(KpiRow.class))
                .name("per-minute KPI rows").uid("kpi-minute-rows");
        minuteRows.getSideOutput(FACTS_TOO_LATE)
                .flatMap(new TooLateReporter()).name("report events too late to count").uid("kpi-too-late-reporter")
                .sinkTo(new DiscardingSink<>()).name("discard").uid("kpi-too-late-discard");

        // 4. lag percentiles per minute and stage, in the same windows
        DataStream<KpiRow> lagRows = uniqueOrders
                .flatMap(new LagSamples.OfOrders(), Types.POJO(LagSample.class)).name("order lag samples").uid("kpi-order-lag")
                .union(uniqueClicks.flatMap(new LagSamples.OfClicks(), Types.POJO(LagSample.class))
                        .name("click lag samples").uid("kpi-click-lag"))
                .keyBy(LagSample::stage, Types.STRING)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(settings.allowedLateness())
                .trigger(LiveEarlyFiringTrigger.of(settings.earlyFiringInterval(), settings.earlyFiringHorizon()))
                .aggregate(new LagRows.Histograms(), new LagRows.Emitter(), Types.POJO(LagHistogram.class),
                        Types.POJO(LagHistogram.class), Types.POJO(KpiRow.class))
                .name("per-minute pipeline lag").uid("kpi-lag-rows");

        // 5. fulfilment steps per order: keyed state, not windows (an order ships days after it is paid)
        DataStream<KpiRow> fulfilmentRows = uniqueOrders
                .filter(event -> switch (event.type()) {
                    case ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED -> true;
                    default -> false;
                }).name("fulfilment steps").uid("kpi-fulfilment-steps")
                .keyBy(OrderEventFacts::orderId, Types.LONG)
                .process(new FulfilmentTracker(settings.fulfilmentTimeToLive()), Types.POJO(KpiRow.class))
                .name("order fulfilment").uid("kpi-fulfilment");

        return minuteRows.union(lagRows, fulfilmentRows);
    }

    /** Reports facts that arrived after their window was closed for good (summed up, not one line each); emits nothing. */
    private static final class TooLateReporter implements FlatMapFunction<MinuteFact, MinuteFact> {

        private static final long serialVersionUID = 1L;

        private final LateEventLog late = new LateEventLog("KPI facts", LateEventLog.DEFAULT_INTERVAL);

        @Override
        public void flatMap(MinuteFact fact, Collector<MinuteFact> out) {
            String line = late.record(fact, System.currentTimeMillis());
            if (line != null) {
                LOG.warn(line);
            }
        }
    }
}
