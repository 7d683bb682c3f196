package dev.streamcart.serving.testing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;

/**
 * The events ingest-cdc publishes, built from the schemas' generated classes, for tests that feed
 * the real Streams apps ({@link ApiServerExtension#streams()}) without PostgreSQL's CDC in between.
 */
public final class StreamsInputs {

    // WAL positions only have to grow per inventory row; one counter for all rows keeps that true
    private static final AtomicLong LSN = new AtomicLong(1_000);

    private StreamsInputs() {}

    /** The new state of one inventory row, as table CDC reports it. */
    public static InventoryChanged inventoryRow(long productId, long warehouseId, int quantity, int reserved) {
        return InventoryChanged.newBuilder().setProductId(productId).setWarehouseId(warehouseId).setQuantity(quantity)
                .setReservedQuantity(reserved).setLowStockThreshold(0).setReorderPoint(0)
                .setSourceLsn(LSN.incrementAndGet()).setCommittedAt(Instant.now()).build();
    }

    /** An order of {@code quantity} units of one product at {@code unitPriceCents}, placed at {@code at}. */
    public static OrderEvent placed(long orderId, long userId, long productId, int quantity, long unitPriceCents,
                                    Instant at) {
        return event(orderId, userId, OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT,
                List.of(line(productId, quantity, unitPriceCents)), at);
    }

    /** The order's payment, captured at {@code at}. */
    public static OrderEvent paid(long orderId, long userId, long productId, int quantity, long unitPriceCents,
                                  Instant at) {
        return OrderEvent.newBuilder(event(orderId, userId, OrderEventType.ORDER_PAID, OrderStatus.PAID,
                List.of(line(productId, quantity, unitPriceCents)), at)).setPaymentMethod("CARD")
                .setCardFingerprint("fp-" + userId).build();
    }

    /** Any later event of a one-product order: {@code type} moves it to {@code status} at {@code at}. */
    public static OrderEvent event(long orderId, long userId, OrderEventType type, OrderStatus status, long productId,
                                   int quantity, long unitPriceCents, Instant at) {
        return event(orderId, userId, type, status, List.of(line(productId, quantity, unitPriceCents)), at);
    }

    private static OrderEvent event(long orderId, long userId, OrderEventType type, OrderStatus status,
                                    List<OrderLine> items, Instant at) {
        long total = items.stream().mapToLong(line -> line.getUnitPriceCents() * line.getQuantity()).sum();
        return OrderEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setOrderId(orderId).setUserId(userId)
                .setType(type).setStatus(status).setTotalCents(total).setCurrency("USD").setItems(items)
                .setOccurredAt(at).build();
    }

    private static OrderLine line(long productId, int quantity, long unitPriceCents) {
        return OrderLine.newBuilder().setProductId(productId).setSellerId(1).setCategoryId(1).setQuantity(quantity)
                .setUnitPriceCents(unitPriceCents).build();
    }
}
