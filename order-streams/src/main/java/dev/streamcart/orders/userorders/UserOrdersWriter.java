package dev.streamcart.orders.userorders;

import dev.streamcart.schemas.order.OrderView;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keyed by {@link UserOrderKey}: keeps the user-ordered copy of each view, or deletes it on a tombstone. */
final class UserOrdersWriter implements Processor<String, OrderView, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, OrderView> store;

    UserOrdersWriter(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, OrderView> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
