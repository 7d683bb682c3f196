package dev.streamcart.orders.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.streamcart.schemas.fraud.FraudSignals;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by user id: adds each placing or card payment to the user's activity, drops what fell out
 * of the window and emits the user's new signals. A wall-clock punctuator expires activity for
 * users who went quiet: their signals are re-emitted, or tombstoned once nothing is left.
 */
final class FraudSignalsProcessor implements Processor<String, OrderEvent, String, FraudSignals> {

    private final String storeName;
    private final Duration window;
    private final Duration checkInterval;
    private ProcessorContext<String, FraudSignals> context;
    private KeyValueStore<String, UserActivity> activities;

    FraudSignalsProcessor(String storeName, Duration window, Duration checkInterval) {
        this.storeName = storeName;
        this.window = window;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, FraudSignals> context) {
        this.context = context;
        this.activities = context.getStateStore(storeName);
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        OrderEvent event = record.value();
        if (event == null || record.key() == null) {
            return;
        }
        long at = event.getOccurredAt().toEpochMilli();
        boolean placed = event.getType() == OrderEventType.ORDER_PLACED;
        UserActivity.Entry entry = new UserActivity.Entry(at, event.getOrderId(), placed,
                placed ? null : event.getCardFingerprint(), event.getShippingAddressKey());
        UserActivity current = activities.get(record.key());
        // The event's own time is "now" here, so a replay from the topics computes the same signals.
        UserActivity next = (current == null ? UserActivity.empty() : current).with(entry).since(at - window.toMillis());
        activities.put(record.key(), next);
        context.forward(new Record<>(record.key(), next.signals(event.getUserId(), event.getOccurredAt()), record.timestamp()));
    }

    private void expire(long now) {
        long cutoff = now - window.toMillis();
        List<KeyValue<String, UserActivity>> changed = new ArrayList<>();
        try (KeyValueIterator<String, UserActivity> all = activities.all()) {
            while (all.hasNext()) {
                KeyValue<String, UserActivity> entry = all.next();
                UserActivity kept = entry.value.since(cutoff);
                if (kept.entries().size() != entry.value.entries().size()) {
                    changed.add(KeyValue.pair(entry.key, kept));
                }
            }
        }
        for (KeyValue<String, UserActivity> entry : changed) {
            if (entry.value.isEmpty()) {
                activities.delete(entry.key);
                context.forward(new Record<String, FraudSignals>(entry.key, null, now));
            } else {
                activities.put(entry.key, entry.value);
                context.forward(new Record<>(entry.key,
                        entry.value.signals(Long.parseLong(entry.key), Instant.ofEpochMilli(now)), now));
            }
        }
    }
}
