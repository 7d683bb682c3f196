package dev.streamcart.orders.fraud;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import dev.streamcart.schemas.fraud.FraudSignals;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Fraud velocity signals per user: order-events (by order) are enriched with the order's shipping
 * address, re-keyed by user id through a repartition topic, and counted over a sliding window into
 * the compacted fraud-signals topic that the payment risk check reads.
 */
public final class FraudTopology {

    public static final Duration WINDOW = Duration.ofHours(24);
    /** Order id to its shipping address key, until its payment. */
    public static final String ORDER_ADDRESS_STORE = "fraud-order-address-store";
    /** User id to the user's {@link UserActivity} within the window. */
    public static final String ACTIVITY_STORE = "fraud-activity-store";
    /** When each user's oldest activity leaves the window ({@link ActivityExpiryIndex}). */
    public static final String ACTIVITY_EXPIRY_STORE = "fraud-activity-expiry-store";
    static final String BY_USER = "fraud-events-by-user";

    private FraudTopology() {}

    public static void addTo(KStream<String, OrderEvent> events, Duration checkInterval, Serde<OrderEvent> eventSerde,
                             Serde<FraudSignals> signalsSerde) {
        Objects.requireNonNull(checkInterval, "checkInterval");
        events.processValues(new EnricherSupplier(), Named.as("fraud-address-enricher"))
                .selectKey((orderId, event) -> Topics.key(event.getUserId()), Named.as("fraud-key-by-user"))
                .repartition(Repartitioned.with(Serdes.String(), eventSerde).withName(BY_USER))
                .process(new SignalsSupplier(checkInterval), Named.as("fraud-signals"))
                .to(Topics.FRAUD_SIGNALS.name(), Produced.with(Topics.FRAUD_SIGNALS.keySerde(), signalsSerde));
    }

    private static final class EnricherSupplier implements FixedKeyProcessorSupplier<String, OrderEvent, OrderEvent> {

        @Override
        public FixedKeyProcessor<String, OrderEvent, OrderEvent> get() {
            return new OrderAddressEnricher(ORDER_ADDRESS_STORE);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_ADDRESS_STORE),
                    Serdes.String(), Serdes.String()));
        }
    }

    private static final class SignalsSupplier implements ProcessorSupplier<String, OrderEvent, String, FraudSignals> {

        private final Duration checkInterval;

        SignalsSupplier(Duration checkInterval) {
            this.checkInterval = checkInterval;
        }

        @Override
        public Processor<String, OrderEvent, String, FraudSignals> get() {
            return new FraudSignalsProcessor(ACTIVITY_STORE, ACTIVITY_EXPIRY_STORE, WINDOW, checkInterval);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTIVITY_STORE),
                    Serdes.String(), UserActivity.serde()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTIVITY_EXPIRY_STORE),
                            Serdes.String(), Serdes.String()));
        }
    }
}
