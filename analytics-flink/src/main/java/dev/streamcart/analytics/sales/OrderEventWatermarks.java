package dev.streamcart.analytics.sales;

import java.time.Duration;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of the sales job: an order event's {@code occurredAt} (its commit time in
 * PostgreSQL). The watermark trails the newest event by a bounded out-of-orderness, per Kafka
 * partition; a partition without events for the idle timeout stops holding it back, so a quiet
 * partition does not stall every window.
 */
final class OrderEventWatermarks {

    private OrderEventWatermarks() {}

    static WatermarkStrategy<OrderEventFacts> strategy(Duration outOfOrderness, Duration idleTimeout) {
        return WatermarkStrategy.<OrderEventFacts>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((event, kafkaTimestamp) -> event.occurredAtMillis())
                .withIdleness(idleTimeout);
    }
}
