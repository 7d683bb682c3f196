package dev.streamcart.orders.userorders;

import dev.streamcart.schemas.order.OrderView;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by order id: turns each changed view into an upsert of its {@link UserOrderKey}, and
 * remembers that key per order, so that a view tombstone (which carries no user) or a view whose
 * placing moved becomes a delete of the key it was listed under. Without that memory the user's
 * list would keep a stale entry.
 */
final class UserOrderIndexer implements Processor<String, OrderView, String, OrderView> {

    private final String keysStoreName;
    private ProcessorContext<String, OrderView> context;
    private KeyValueStore<String, String> listedUnder;

    UserOrderIndexer(String keysStoreName) {
        this.keysStoreName = keysStoreName;
    }

    @Override
    public void init(ProcessorContext<String, OrderView> context) {
        this.context = context;
        this.listedUnder = context.getStateStore(keysStoreName);
    }

    @Override
    public void process(Record<String, OrderView> record) {
        if (record.key() == null) {
            return;
        }
        String previous = listedUnder.get(record.key());
        OrderView view = record.value();
        if (view == null) {
            if (previous != null) {
                listedUnder.delete(record.key());
                context.forward(record.withKey(previous).withValue(null));
            }
            return;
        }
        String current = UserOrderKey.of(view).encoded();
        if (previous != null && !previous.equals(current)) {
            context.forward(record.withKey(previous).withValue(null));
        }
        if (!current.equals(previous)) {
            listedUnder.put(record.key(), current);
        }
        context.forward(record.withKey(current));
    }
}
