package dev.streamcart.orders.deadlines;

import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import dev.streamcart.schemas.order.OrderCommand;
import dev.streamcart.schemas.order.OrderSlaAlert;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Watches the changed order views for deadlines: unpaid orders become EXPIRE_PAYMENT commands on
 * order-commands, paid and unshipped orders become alerts on order-sla-alerts. Views are keyed by
 * order id, so each order is watched by the task that owns its view.
 */
public final class DeadlineTopology {

    /** Order id to the time it was placed, for orders awaiting payment. */
    public static final String PAYMENT_STORE = "payment-deadlines-store";
    /** Order id to the time it was paid, for orders not shipped yet. */
    public static final String SHIP_SLA_STORE = "ship-sla-store";

    private DeadlineTopology() {}

    public static void addTo(KStream<String, OrderView> views, DeadlineSettings settings,
                             Serde<OrderCommand> commandSerde, Serde<OrderSlaAlert> alertSerde) {
        Objects.requireNonNull(settings, "settings");
        views.process(supplier(PAYMENT_STORE,
                        () -> new PaymentTimeoutProcessor(PAYMENT_STORE, settings.paymentTimeout(), settings.checkInterval())),
                        Named.as("payment-timeout"))
                .to(Topics.ORDER_COMMANDS.name(), Produced.with(Topics.ORDER_COMMANDS.keySerde(), commandSerde));
        views.process(supplier(SHIP_SLA_STORE,
                        () -> new ShipSlaProcessor(SHIP_SLA_STORE, settings.shipSla(), settings.checkInterval())),
                        Named.as("ship-sla"))
                .to(Topics.ORDER_SLA_ALERTS.name(), Produced.with(Topics.ORDER_SLA_ALERTS.keySerde(), alertSerde));
    }

    private static <V> ProcessorSupplier<String, OrderView, String, V> supplier(
            String storeName, Supplier<Processor<String, OrderView, String, V>> processors) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, OrderView, String, V> get() {
                return processors.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName),
                        Serdes.String(), Deadline.serde()));
            }
        };
    }
}
