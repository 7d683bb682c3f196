package dev.streamcart.orders.tracking;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderView;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each order event to the stored view of its order and emits the change: the new view,
 * with the anomaly the event raised, if any. A re-delivered event emits nothing. Each stored view
 * is announced to the {@link OrderViewListener}, which wakes the reads waiting for it.
 */
final class OrderViewProcessor implements FixedKeyProcessor<String, OrderEvent, OrderViewUpdate.Result> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderViewProcessor.class);

    private final String storeName;
    private final OrderViewListener listener;
    private FixedKeyProcessorContext<String, OrderViewUpdate.Result> context;
    private KeyValueStore<String, OrderView> store;

    OrderViewProcessor(String storeName, OrderViewListener listener) {
        this.storeName = storeName;
        this.listener = listener;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, OrderViewUpdate.Result> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, OrderEvent> record) {
        OrderEvent event = record.value();
        if (event == null) {
            return;
        }
        OrderViewUpdate.apply(store.get(record.key()), event).ifPresent(result -> {
            if (result.anomaly() != null) {
                LOG.warn("order {}: {}", event.getOrderId(), result.anomaly().getDetail());
            }
            store.put(record.key(), result.view());
            // After the put, so a read woken by it finds the view in the store.
            listener.stored(record.key(), result.view());
            context.forward(record.withValue(result));
        });
    }
}
