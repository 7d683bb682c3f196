package dev.streamcart.orders.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.streamcart.schemas.order.OrderCommand;
import dev.streamcart.schemas.order.OrderCommandType;
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
 * Keeps the orders waiting for payment and, on a wall-clock punctuator, asks serving-api to expire
 * each one still PENDING_PAYMENT {@code timeout} after it was placed. A command is raised once; it
 * is raised again only if the order is still pending another {@code timeout} later (serving-api
 * was down, say), and applying it twice changes nothing there.
 */
final class PaymentTimeoutProcessor implements Processor<String, OrderView, String, OrderCommand> {

    static final String REASON = "payment timeout";
    private static final Logger LOG = LoggerFactory.getLogger(PaymentTimeoutProcessor.class);

    private final String storeName;
    private final Duration timeout;
    private final Duration checkInterval;
    private ProcessorContext<String, OrderCommand> context;
    private KeyValueStore<String, Deadline> pending;

    PaymentTimeoutProcessor(String storeName, Duration timeout, Duration checkInterval) {
        this.storeName = storeName;
        this.timeout = timeout;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, OrderCommand> context) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::expireOverdue);
    }

    @Override
    public void process(Record<String, OrderView> record) {
        OrderView view = record.value();
        if (view == null) {
            return;
        }
        if (view.getStatus() == OrderStatus.PENDING_PAYMENT) {
            if (pending.get(record.key()) == null) {
                Instant placedAt = StatusSince.of(view, OrderStatus.PENDING_PAYMENT);
                pending.put(record.key(), new Deadline(placedAt.toEpochMilli(), view.getUserId(), 0));
            }
        } else {
            pending.delete(record.key());
        }
    }

    private void expireOverdue(long now) {
        List<KeyValue<String, Deadline>> overdue = new ArrayList<>();
        try (KeyValueIterator<String, Deadline> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<String, Deadline> entry = all.next();
                Deadline deadline = entry.value;
                long waitingSince = deadline.raised() ? deadline.lastRaisedAt() : deadline.since();
                if (now - waitingSince >= timeout.toMillis()) {
                    overdue.add(entry);
                }
            }
        }
        for (KeyValue<String, Deadline> entry : overdue) {
            long orderId = Long.parseLong(entry.key);
            OrderCommand command = OrderCommand.newBuilder()
                    .setCommandId(commandId(orderId, OrderCommandType.EXPIRE_PAYMENT))
                    .setOrderId(orderId)
                    .setType(OrderCommandType.EXPIRE_PAYMENT)
                    .setReason(REASON)
                    .setIssuedAt(Instant.ofEpochMilli(now))
                    .build();
            LOG.info("order {} unpaid since {}: asking to expire it", orderId, Instant.ofEpochMilli(entry.value.since()));
            context.forward(new Record<>(entry.key, command, now));
            pending.put(entry.key, entry.value.raisedAt(now));
        }
    }

    /** The same for every command of one type on one order, so a consumer can recognise a repeat. */
    static String commandId(long orderId, OrderCommandType type) {
        return orderId + ":" + type.name();
    }
}
