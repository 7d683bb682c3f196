package dev.streamcart.orders;

import java.util.Objects;

import dev.streamcart.orders.deadlines.DeadlineSettings;
import dev.streamcart.orders.deadlines.DeadlineTopology;
import dev.streamcart.orders.fraud.FraudTopology;
import dev.streamcart.orders.tracking.OrderTrackingTopology;
import dev.streamcart.orders.tracking.OrderViewListener;
import dev.streamcart.orders.userorders.UserOrdersTopology;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The whole of order-streams, from one source topic: order-events in; order-views and
 * order-anomalies (tracking), order-commands and order-sla-alerts (deadlines), and fraud-signals
 * (per user) out; and the stores the interactive queries read: the views by order, each user's
 * orders newest first, and each user's fraud activity.
 */
public final class OrderStreamsTopology {

    private OrderStreamsTopology() {}

    /** The topology for a caller that does not query it (no read waits for views). */
    public static Topology build(OrderSerdes serdes, DeadlineSettings deadlines) {
        return build(serdes, deadlines, OrderViewListener.NONE);
    }

    /** The topology; {@code viewListener} hears of every view stored, to wake reads waiting for it. */
    public static Topology build(OrderSerdes serdes, DeadlineSettings deadlines, OrderViewListener viewListener) {
        Objects.requireNonNull(serdes, "serdes");
        Objects.requireNonNull(deadlines, "deadlines");
        StreamsBuilder builder = new StreamsBuilder();
        // Domain events from the outbox, in commit order per order.
        KStream<String, OrderEvent> events = builder.stream(Topics.ORDER_EVENTS.name(),
                Consumed.with(Topics.ORDER_EVENTS.keySerde(), serdes.events()));
        KStream<String, OrderView> views = OrderTrackingTopology.addTo(events, serdes.views(), serdes.anomalies(), viewListener);
        UserOrdersTopology.addTo(views, serdes.views());
        DeadlineTopology.addTo(views, deadlines, serdes.commands(), serdes.slaAlerts());
        FraudTopology.addTo(events, deadlines.checkInterval(), serdes.events(), serdes.fraudSignals());
        return builder.build();
    }
}
