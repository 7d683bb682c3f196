package dev.streamcart.ingest.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.streamcart.ingest.capture.ChangeRecords;
import dev.streamcart.ingest.capture.RowChange;
import dev.streamcart.ingest.outbox.OutboxRouter;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.outbox.DeadLetterReason;
import dev.streamcart.schemas.outbox.OutboxDeadLetter;
import dev.streamcart.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

class OrderOutboxMapperTest {

    private static final String PAYLOAD = """
            {"orderId":12,"userId":3,"status":"PAID","totalCents":3998,"currency":"USD",
             "items":[{"productId":5,"sellerId":1,"categoryId":2,"quantity":2,"unitPriceCents":1999}],
             "paymentMethod":"card","reason":null}""";
    private static final Instant COMMITTED = Instant.parse("2026-11-26T10:00:01.250Z");
    private static final long LSN = 77;

    private final OutboxRouter router = new OutboxRouter(Map.of(OrderOutboxMapper.AGGREGATE_TYPE, new OrderOutboxMapper()));

    @Test
    void insertedOrderRowBecomesATypedEventKeyedByOrderId() {
        List<OutgoingEvent<?>> events = router.map(outboxRow(RowChange.Operation.INSERT, "order", "ORDER_PAID", PAYLOAD));

        assertThat(events).hasSize(1);
        OutgoingEvent<?> event = events.get(0);
        assertThat(event.topic()).isEqualTo(Topics.ORDER_EVENTS);
        assertThat(event.key()).isEqualTo("12");
        OrderEvent value = (OrderEvent) event.value();
        assertThat(value.getEventId()).isEqualTo("9d5c1f7e-0000-4000-8000-000000000001");
        assertThat(value.getOrderId()).isEqualTo(12);
        assertThat(value.getUserId()).isEqualTo(3);
        assertThat(value.getType()).isEqualTo(OrderEventType.ORDER_PAID);
        assertThat(value.getStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(value.getTotalCents()).isEqualTo(3998);
        assertThat(value.getItems()).containsExactly(OrderLine.newBuilder()
                .setProductId(5).setSellerId(1).setCategoryId(2).setQuantity(2).setUnitPriceCents(1999).build());
        assertThat(value.getOccurredAt()).isEqualTo(COMMITTED);
        assertThat(value.getPaymentMethod()).isEqualTo("card");
        assertThat(value.getReason()).isNull();
        assertThat(value.getCardFingerprint()).as("absent from the payload").isNull();
        assertThat(value.getShippingAddressKey()).isNull();
    }

    @Test
    void analyticsKeysOfThePayloadAreCarriedOver() {
        String refund = PAYLOAD.replace("\"unitPriceCents\":1999}", "\"unitPriceCents\":1999,\"recommendationVariant\":\"B\"}")
                .replace("\"reason\":null", "\"reason\":\"damaged\",\"region\":\"de\",\"refundedCents\":1999,"
                        + "\"refundedItems\":[{\"productId\":5,\"sellerId\":1,\"categoryId\":2,\"quantity\":1,\"unitPriceCents\":1999}]");

        OrderEvent value = (OrderEvent) router.map(outboxRow(RowChange.Operation.INSERT, "order", "ORDER_PARTIALLY_REFUNDED",
                refund)).get(0).value();

        assertThat(value.getRegion()).isEqualTo("de");
        assertThat(value.getRefundedCents()).isEqualTo(1999L);
        assertThat(value.getRefundedItems()).containsExactly(OrderLine.newBuilder()
                .setProductId(5).setSellerId(1).setCategoryId(2).setQuantity(1).setUnitPriceCents(1999).build());
        assertThat(value.getItems().get(0).getRecommendationVariant()).isEqualTo("B");
        OrderEvent plain = (OrderEvent) router.map(outboxRow(RowChange.Operation.INSERT, "order", "ORDER_PAID", PAYLOAD))
                .get(0).value();
        assertThat(plain.getRegion()).isNull();
        assertThat(plain.getRefundedCents()).isNull();
        assertThat(plain.getRefundedItems()).isEmpty();
    }

    @Test
    void fraudKeysOfThePayloadAreCarriedOver() {
        String paid = PAYLOAD.replace("\"reason\":null", "\"reason\":null,\"cardFingerprint\":\"fp-9f2c\"");
        String placed = PAYLOAD.replace("\"reason\":null", "\"reason\":null,\"shippingAddressKey\":\"addr-71ab\"");

        OrderEvent payment = (OrderEvent) router.map(outboxRow(RowChange.Operation.INSERT, "order", "ORDER_PAID", paid))
                .get(0).value();
        OrderEvent placing = (OrderEvent) router.map(outboxRow(RowChange.Operation.INSERT, "order", "ORDER_PLACED", placed))
                .get(0).value();

        assertThat(payment.getCardFingerprint()).isEqualTo("fp-9f2c");
        assertThat(payment.getShippingAddressKey()).isNull();
        assertThat(placing.getShippingAddressKey()).isEqualTo("addr-71ab");
        assertThat(placing.getCardFingerprint()).isNull();
    }

    @Test
    void snapshotReadTakesTheRowsCreationTime() {
        OrderEvent value = (OrderEvent) router.map(outboxRow(RowChange.Operation.SNAPSHOT_READ, "order", "ORDER_PAID", PAYLOAD))
                .get(0).value();

        assertThat(value.getOccurredAt()).isEqualTo(Instant.parse("2026-11-26T10:00:01.100Z"));
    }

    @Test
    void updatesAndDeletesOfTheOutboxPublishNothing() {
        assertThat(router.map(outboxRow(RowChange.Operation.UPDATE, "order", "ORDER_PAID", PAYLOAD))).isEmpty();
        assertThat(router.map(outboxRow(RowChange.Operation.DELETE, "order", "ORDER_PAID", PAYLOAD))).isEmpty();
    }

    @Test
    void unknownAggregateTypeGoesWholeToTheDeadLetterTopic() {
        OutboxDeadLetter letter = deadLetter(router.map(outboxRow(RowChange.Operation.INSERT, "voucher", "VOUCHER_ISSUED", "{}")));

        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_AGGREGATE_TYPE);
        assertThat(letter.getAggregateType()).isEqualTo("voucher");
        assertThat(letter.getPayload()).isEqualTo("{}");
        assertThat(router.unroutedRows()).isEqualTo(1);
        assertThat(router.deadLetteredRows()).isEqualTo(1);
    }

    @Test
    void moneyAsADecimalNumberBreaksTheContractAndGoesToTheDeadLetterTopic() {
        String floatMoney = PAYLOAD.replace("\"totalCents\":3998", "\"totalCents\":39.98");

        OutboxDeadLetter letter = deadLetter(router.map(outboxRow(RowChange.Operation.INSERT, "order", "ORDER_PAID", floatMoney)));

        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(letter.getError()).contains("totalCents").contains("39.98");
        assertThat(letter.getPayload()).as("the payload exactly as captured").isEqualTo(floatMoney);
        assertThat(letter.getOutboxId()).isEqualTo("9d5c1f7e-0000-4000-8000-000000000001");
        assertThat(letter.getAggregateId()).isEqualTo("12");
        assertThat(letter.getEventType()).isEqualTo("ORDER_PAID");
        assertThat(letter.getSourceLsn()).isEqualTo(LSN);
        assertThat(letter.getCommittedAt()).isEqualTo(COMMITTED);
        assertThat(router.malformedRows()).isEqualTo(1);
    }

    @Test
    void aQuantityBeyondAnIntIsADeadLetterNotAStoppedEngine() {
        String overflow = PAYLOAD.replace("\"quantity\":2", "\"quantity\":9999999999");

        OutboxDeadLetter letter = deadLetter(router.map(outboxRow(RowChange.Operation.INSERT, "order", "ORDER_PAID", overflow)));

        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(letter.getError()).contains("ArithmeticException");
    }

    private static OutboxDeadLetter deadLetter(List<OutgoingEvent<?>> events) {
        assertThat(events).singleElement().satisfies(event -> assertThat(event.topic()).isEqualTo(Topics.OUTBOX_DEAD_LETTERS));
        return (OutboxDeadLetter) events.get(0).value();
    }

    @Test
    void unknownEventTypeIsPublishedAsUnknown() {
        OrderEvent value = (OrderEvent) router.map(outboxRow(RowChange.Operation.INSERT, "order", "ORDER_GIFT_WRAPPED", PAYLOAD))
                .get(0).value();

        assertThat(value.getType()).isEqualTo(OrderEventType.UNKNOWN);
    }

    private static RowChange outboxRow(RowChange.Operation operation, String aggregateType, String eventType, String payload) {
        return ChangeRecords.change("outbox", operation, ChangeRecords.columns(
                "id", "9d5c1f7e-0000-4000-8000-000000000001",
                "aggregate_type", aggregateType,
                "aggregate_id", "12",
                "event_type", eventType,
                "payload", payload,
                "created_at", "2026-11-26T10:00:01.100Z"), LSN, COMMITTED);
    }
}
