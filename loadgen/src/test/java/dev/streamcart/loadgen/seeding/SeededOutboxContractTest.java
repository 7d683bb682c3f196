package dev.streamcart.loadgen.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.outbox.OutboxPayloadReader;
import org.junit.jupiter.api.Test;

/**
 * Every seeded outbox row is the Avro event the pipeline consumes (read back with the shared
 * outbox reader, as ingest-cdc reads the API's rows), with the fields each use case of the API sets.
 */
class SeededOutboxContractTest {

    @Test
    void everySeededOutboxRowBecomesTheOrderEventTheApiWouldHaveProduced() throws Exception {
        RecordingSinks sinks = MarketplaceGeneratorTest.generate(new SeedSize(800, 600, 5_000, 7, 21));
        Map<OrderEventType, Integer> byType = new EnumMap<>(OrderEventType.class);
        for (String[] row : sinks.rows("outbox")) {
            // COPY text escapes backslashes; the JSON itself has none other than escaped ones
            String payload = row[4].replace("\\\\", "\\");
            OrderEvent event = OutboxPayloadReader.read(payload, OrderEvent.class);
            OrderEventType type = event.getType();
            assertThat(type.name()).isEqualTo(row[3]);
            assertThat(event.getEventId()).isEqualTo(row[0]);
            byType.merge(type, 1, Integer::sum);
            assertThat(type).isNotEqualTo(OrderEventType.UNKNOWN);
            assertThat(event.getStatus()).isNotEqualTo(OrderStatus.UNKNOWN);
            assertThat(event.getOrderId()).isEqualTo(Long.parseLong(row[2]));
            assertThat(event.getItems()).isNotEmpty().allSatisfy(line -> {
                assertThat(line.getQuantity()).isPositive();
                assertThat(line.getUnitPriceCents()).isPositive();
            });
            assertThat(event.getRegion()).isNotBlank();
            switch (type) {
                case ORDER_PLACED -> {
                    assertThat(event.getStatus()).isEqualTo(OrderStatus.PENDING_PAYMENT);
                    assertThat(event.getShippingAddressKey()).hasSize(64);
                }
                case ORDER_PAID, PAYMENT_FAILED -> {
                    assertThat(event.getPaymentMethod()).isEqualTo("card");
                    assertThat(event.getCardFingerprint()).hasSize(64);
                    assertThat(event.getReason() == null).isEqualTo(type == OrderEventType.ORDER_PAID);
                }
                case ORDER_REFUNDED -> {
                    assertThat(event.getRefundedCents()).isEqualTo(event.getTotalCents());
                    assertThat(event.getRefundedItems()).hasSameSizeAs(event.getItems());
                }
                case ORDER_PARTIALLY_REFUNDED -> {
                    assertThat(event.getRefundedCents()).isEqualTo(SeededOrder.GOODWILL_CENTS);
                    assertThat(event.getRefundedItems()).isEmpty();
                }
                case ORDER_CANCELLED -> assertThat(event.getReason()).isEqualTo(OutboxPayloads.CUSTOMER_REQUEST);
                case ORDER_SHIPPED -> {
                    assertThat(event.getCarrier()).isNotBlank();
                    assertThat(event.getTrackingNumber()).isNotBlank();
                }
                default -> assertThat(event.getRefundedCents()).isNull();
            }
        }
        assertThat(byType.keySet()).containsAll(List.of(OrderEventType.ORDER_PLACED, OrderEventType.ORDER_PAID,
                OrderEventType.PAYMENT_FAILED, OrderEventType.ORDER_CANCELLED, OrderEventType.ORDER_FULFILLING,
                OrderEventType.ORDER_SHIPPED, OrderEventType.ORDER_DELIVERED, OrderEventType.ORDER_REFUNDED,
                OrderEventType.ORDER_PARTIALLY_REFUNDED));
        assertThat(byType.get(OrderEventType.ORDER_PLACED)).isEqualTo(5_000);
    }
}
