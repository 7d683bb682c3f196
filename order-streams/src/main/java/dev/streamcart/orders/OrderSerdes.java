package dev.streamcart.orders;

import java.util.Objects;

import dev.streamcart.schemas.fraud.FraudSignals;
import dev.streamcart.schemas.order.OrderAnomaly;
import dev.streamcart.schemas.order.OrderCommand;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderSlaAlert;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of every topic order-streams reads or writes: through the registry in
 * production, plain Avro in TopologyTestDriver tests.
 */
public record OrderSerdes(Serde<OrderEvent> events, Serde<OrderView> views, Serde<OrderAnomaly> anomalies,
                          Serde<OrderCommand> commands, Serde<OrderSlaAlert> slaAlerts,
                          Serde<FraudSignals> fraudSignals) {

    public OrderSerdes {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(views, "views");
        Objects.requireNonNull(anomalies, "anomalies");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(slaAlerts, "slaAlerts");
        Objects.requireNonNull(fraudSignals, "fraudSignals");
    }

    public static OrderSerdes registry(SchemaRegistryClient registry) {
        return new OrderSerdes(
                Topics.ORDER_EVENTS.valueSerde(registry),
                Topics.ORDER_VIEWS.valueSerde(registry),
                Topics.ORDER_ANOMALIES.valueSerde(registry),
                Topics.ORDER_COMMANDS.valueSerde(registry),
                Topics.ORDER_SLA_ALERTS.valueSerde(registry),
                Topics.FRAUD_SIGNALS.valueSerde(registry));
    }
}
