package dev.streamcart.orders.fraud;

import java.time.Duration;
import java.time.Instant;

import dev.streamcart.schemas.fraud.FraudSignals;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by user id: adds each placing or card payment to the user's activity, drops what fell out
 * of the window and emits the user's new signals. A wall-clock punctuator expires activity for
 * users who went quiet: their signals are re-emitted, or tombstoned once nothing is left. It finds
 * them through an {@link ActivityExpiryIndex}, reading only the users that are due.
 */
final class FraudSignalsProcessor implements Processor<String, OrderEvent, String, FraudSignals> {

    private final String storeName;
    private final String expiryStoreName;
    private final Duration window;
    private final Duration checkInterval;
    private ProcessorContext<String, FraudSignals> context;
    private KeyValueStore<String, UserActivity> activities;
    private ActivityExpiryIndex expiries;
    private boolean indexChecked;

    FraudSignalsProcessor(String storeName, String expiryStoreName, Duration window, Duration checkInterval) {
        this.storeName = storeName;
        this.expiryStoreName = expiryStoreName;
        this.window = window;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, FraudSignals> context) {
        this.context = context;
        this.activities = context.getStateStore(storeName);
        KeyValueStore<String, String> expiryStore = context.getStateStore(expiryStoreName);
        this.expiries = new ActivityExpiryIndex(expiryStore, window.toMillis());
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
        expiries.update(record.key(), current, next);
        context.forward(new Record<>(record.key(), next.signals(event.getUserId(), event.getOccurredAt()), record.timestamp()));
    }

    private void expire(long now) {
        if (!indexChecked) {
            // state restored from before the index existed has activity but no index keys
            if (expiries.isEmpty()) {
                expiries.rebuildFrom(activities);
            }
            indexChecked = true;
        }
        long cutoff = now - window.toMillis();
        for (ActivityExpiryIndex.Due due : expiries.dueUsers(now)) {
            String userKey = due.userKey();
            UserActivity before = activities.get(userKey);
            if (before == null) {
                expiries.forget(due);
                continue;
            }
            UserActivity kept = before.since(cutoff);
            expiries.update(userKey, before, kept);
            if (kept.isEmpty()) {
                activities.delete(userKey);
                context.forward(new Record<String, FraudSignals>(userKey, null, now));
            } else {
                activities.put(userKey, kept);
                context.forward(new Record<>(userKey, kept.signals(Long.parseLong(userKey), Instant.ofEpochMilli(now)), now));
            }
        }
    }
}
