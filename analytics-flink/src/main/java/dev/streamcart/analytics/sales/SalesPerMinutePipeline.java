package dev.streamcart.analytics.sales;

import java.time.Duration;

import dev.streamcart.analytics.clickhouse.ClickHouseSink;
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
 * The heart of the sales job, from timestamped order events to {@code sales_per_minute} rows;
 * the job puts Kafka in front of it and ClickHouse behind it, the unit test an in-memory source
 * and a collecting sink.
 */
public final class SalesPerMinutePipeline {

    private static final Logger LOG = LoggerFactory.getLogger(SalesPerMinutePipeline.class);

    static final OutputTag<CategorySale> TOO_LATE = new OutputTag<>("sales-too-late", Types.POJO(CategorySale.class));

    private SalesPerMinutePipeline() {}

    /** The rows' sink: {@code sales_per_minute}, through {@link SalesRowWriter}. */
    public static Sink<SalesRow> clickHouseSink(ClickHouseSettings endpoint, Duration flushInterval) {
        return new ClickHouseSink<>(endpoint, flushInterval, SalesRowWriter::new);
    }

    /**
     * @param events order events whose timestamps and watermarks are already assigned
     * @param earlyFiringHorizon how far behind the wall clock a minute may be to fire early (see {@link LiveEarlyFiringTrigger})
     */
    public static DataStream<SalesRow> salesRows(DataStream<OrderEventFacts> events, Duration allowedLateness,
            Duration earlyFiringInterval, Duration earlyFiringHorizon) {
        // 1. payments only, one contribution per (order, category)
        DataStream<CategorySale> sales = events
                .flatMap(new PaidOrderSplitter()).name("split paid orders by category").uid("split-paid-orders");

        // 2. one-minute event-time windows per category: early results every interval while the
        //    minute is open, the final result when the watermark passes its end, and one more
        //    result for every late payment within the allowed lateness
        SingleOutputStreamOperator<SalesRow> rows = sales
                .keyBy(CategorySale::categoryId, Types.LONG)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(TOO_LATE)
                .trigger(LiveEarlyFiringTrigger.of(earlyFiringInterval, earlyFiringHorizon))
                .process(new MinuteSalesTotals()).name("per-minute sales by category").uid("minute-sales-totals");

        // 3. payments later than the allowed lateness cannot change a row any more: say so loudly
        rows.getSideOutput(TOO_LATE)
                .flatMap(new TooLateSaleReporter()).name("report payments too late to count").uid("too-late-reporter")
                .sinkTo(new DiscardingSink<>()).name("discard").uid("too-late-discard");
        return rows;
    }

    /** Reports payments that arrived after their window was closed for good (summed up, not one line each); emits nothing. */
    private static final class TooLateSaleReporter implements FlatMapFunction<CategorySale, CategorySale> {

        private static final long serialVersionUID = 1L;

        private final LateEventLog late = new LateEventLog("payments", LateEventLog.DEFAULT_INTERVAL);

        @Override
        public void flatMap(CategorySale sale, Collector<CategorySale> out) {
            String line = late.record("payment of order " + sale.orderId() + " (category " + sale.categoryId() + ", paid at "
                    + sale.paidAtMillis() + " ms)", System.currentTimeMillis());
            if (line != null) {
                LOG.warn(line);
            }
        }
    }
}
