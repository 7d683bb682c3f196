package dev.streamcart.orders.fraud;

import java.util.EnumSet;
import java.util.Set;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by order id: remembers each order's shipping address key from its placing and copies it
 * into the order's payment events, so the per-user counter downstream knows which addresses each
 * card shipped to. Passes on only what fraud signals count: placings and card payments.
 */
final class OrderAddressEnricher implements FixedKeyProcessor<String, OrderEvent, OrderEvent> {

    private static final Set<OrderEventType> PAYMENTS = EnumSet.of(OrderEventType.ORDER_PAID, OrderEventType.PAYMENT_FAILED);
    /** After these no card payment follows: the address is not needed any more. */
    private static final Set<OrderEventType> DONE = EnumSet.of(OrderEventType.ORDER_PAID, OrderEventType.PAYMENT_FAILED,
            OrderEventType.ORDER_CANCELLED, OrderEventType.ORDER_EXPIRED);

    private final String storeName;
    private FixedKeyProcessorContext<String, OrderEvent> context;
    private KeyValueStore<String, String> addresses;

    OrderAddressEnricher(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, OrderEvent> context) {
        this.context = context;
        this.addresses = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, OrderEvent> record) {
        OrderEvent event = record.value();
        if (event == null) {
            return;
        }
        if (event.getType() == OrderEventType.ORDER_PLACED) {
            if (event.getShippingAddressKey() != null) {
                addresses.put(record.key(), event.getShippingAddressKey());
            }
            context.forward(record);
            return;
        }
        if (PAYMENTS.contains(event.getType()) && event.getCardFingerprint() != null) {
            OrderEvent payment = event;
            String address = addresses.get(record.key());
            if (event.getShippingAddressKey() == null && address != null) {
                payment = OrderEvent.newBuilder(event).setShippingAddressKey(address).build();
            }
            context.forward(record.withValue(payment));
        }
        if (DONE.contains(event.getType())) {
            addresses.delete(record.key());
        }
    }
}
