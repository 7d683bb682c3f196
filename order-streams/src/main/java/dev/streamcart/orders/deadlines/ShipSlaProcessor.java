package dev.streamcart.orders.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.streamcart.schemas.order.OrderSlaAlert;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the orders paid and not yet shipped and, on a wall-clock punctuator, raises one SLA alert
 * for each still unshipped {@code sla} after its payment. The order stays watched (marked raised)
 * until it ships or ends otherwise, so the alert is raised once per order.
 */
final class ShipSlaProcessor implements Processor<String, OrderView, String, OrderSlaAlert> {

    /** Paid and still waiting to leave the warehouse. */
    private static final Set<OrderStatus> AWAITING_SHIPMENT = EnumSet.of(OrderStatus.PAID, OrderStatus.FULFILLING);
    private static final Logger LOG = LoggerFactory.getLogger(ShipSlaProcessor.class);

    private final String storeName;
    private final Duration sla;
    private final Duration checkInterval;
    private ProcessorContext<String, OrderSlaAlert> context;
    private KeyValueStore<String, Deadline> unshipped;

    ShipSlaProcessor(String storeName, Duration sla, Duration checkInterval) {
        this.storeName = storeName;
        this.sla = sla;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, OrderSlaAlert> context) {
        this.context = context;
        this.unshipped = context.getStateStore(storeName);
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::alertOverdue);
    }

    @Override
    public void process(Record<String, OrderView> record) {
        OrderView view = record.value();
        if (view == null) {
            return;
        }
        if (AWAITING_SHIPMENT.contains(view.getStatus())) {
            // FULFILLING keeps the clock that PAID started.
            if (unshipped.get(record.key()) == null) {
                Instant paidAt = StatusSince.of(view, OrderStatus.PAID);
                unshipped.put(record.key(), new Deadline(paidAt.toEpochMilli(), view.getUserId(), 0));
            }
        } else {
            unshipped.delete(record.key());
        }
    }

    private void alertOverdue(long now) {
        List<KeyValue<String, Deadline>> overdue = new ArrayList<>();
        try (KeyValueIterator<String, Deadline> all = unshipped.all()) {
            while (all.hasNext()) {
                KeyValue<String, Deadline> entry = all.next();
                if (!entry.value.raised() && now - entry.value.since() >= sla.toMillis()) {
                    overdue.add(entry);
                }
            }
        }
        for (KeyValue<String, Deadline> entry : overdue) {
            Deadline deadline = entry.value;
            OrderSlaAlert alert = OrderSlaAlert.newBuilder()
                    .setOrderId(Long.parseLong(entry.key))
                    .setUserId(deadline.userId())
                    .setPaidAt(Instant.ofEpochMilli(deadline.since()))
                    .setDeadline(Instant.ofEpochMilli(deadline.since()).plus(sla))
                    .setRaisedAt(Instant.ofEpochMilli(now))
                    .build();
            LOG.warn("order {} paid at {} and not shipped within {}", entry.key, alert.getPaidAt(), sla);
            context.forward(new Record<>(entry.key, alert, now));
            unshipped.put(entry.key, deadline.raisedAt(now));
        }
    }
}
