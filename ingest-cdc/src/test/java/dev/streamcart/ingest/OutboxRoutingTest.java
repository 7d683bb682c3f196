package dev.streamcart.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.streamcart.ingest.capture.ChangeRecords;
import dev.streamcart.ingest.capture.RowChange;
import dev.streamcart.ingest.outbox.OutboxRouter;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.catalog.ProductPriceChanged;
import dev.streamcart.schemas.outbox.DeadLetterReason;
import dev.streamcart.schemas.outbox.OutboxDeadLetter;
import dev.streamcart.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

/**
 * The service's own routing table: every aggregate type serving-api writes to the outbox has its
 * event. A seller's price change was sent to the dead-letter topic (no mapper for {@code product}),
 * so every price change turned the {@code deadLetters} part of the API's health DOWN.
 */
class OutboxRoutingTest {

    private static final Instant COMMITTED = Instant.parse("2026-12-08T09:00:00.500Z");

    private final OutboxRouter router = IngestCdcService.outboxRouter();

    @Test
    void aPriceChangeBecomesAProductPriceChangedEventKeyedByProduct() {
        List<OutgoingEvent<?>> events = router.map(outboxRow("product", "41", "PRICE_CHANGED", """
                {"productId":41,"sellerId":7,"oldPriceCents":1999,"newPriceCents":1499,"currency":"EUR"}"""));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.topic()).isEqualTo(Topics.PRODUCT_PRICE_CHANGES);
            assertThat(event.key()).isEqualTo("41");
            assertThat(event.value()).isEqualTo(ProductPriceChanged.newBuilder().setEventId("row-1").setProductId(41)
                    .setSellerId(7).setOldPriceCents(1999).setNewPriceCents(1499).setCurrency("EUR")
                    .setOccurredAt(COMMITTED).build());
        });
        assertThat(router.deadLetteredRows()).isZero();
    }

    @Test
    void aProductEventOfAnotherTypeOrWithoutItsPricesIsADeadLetter() {
        OutboxDeadLetter unknownType = deadLetter(router.map(outboxRow("product", "41", "RENAMED", "{\"productId\":41}")));
        OutboxDeadLetter noPrice = deadLetter(router.map(outboxRow("product", "41", "PRICE_CHANGED",
                "{\"productId\":41,\"sellerId\":7,\"oldPriceCents\":1999,\"newPriceCents\":14.99,\"currency\":\"EUR\"}")));

        assertThat(unknownType.getReason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(unknownType.getError()).contains("RENAMED");
        assertThat(noPrice.getReason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(noPrice.getError()).contains("newPriceCents");
    }

    @Test
    void ordersStillGoToOrderEventsAndAnUnknownAggregateToTheDeadLetters() {
        List<OutgoingEvent<?>> order = router.map(outboxRow("order", "12", "ORDER_PLACED", """
                {"orderId":12,"userId":3,"status":"PENDING_PAYMENT","totalCents":100,"currency":"USD",
                 "items":[],"paymentMethod":null,"reason":null}"""));
        OutboxDeadLetter shipment = deadLetter(router.map(outboxRow("shipment", "5", "CREATED", "{}")));

        assertThat(order).singleElement().satisfies(event -> assertThat(event.topic()).isEqualTo(Topics.ORDER_EVENTS));
        assertThat(shipment.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_AGGREGATE_TYPE);
    }

    private static OutboxDeadLetter deadLetter(List<OutgoingEvent<?>> events) {
        assertThat(events).singleElement().satisfies(event -> assertThat(event.topic()).isEqualTo(Topics.OUTBOX_DEAD_LETTERS));
        return (OutboxDeadLetter) events.get(0).value();
    }

    private static RowChange outboxRow(String aggregateType, String aggregateId, String eventType, String payload) {
        return ChangeRecords.change("outbox", RowChange.Operation.INSERT, ChangeRecords.columns(
                "id", "row-1",
                "aggregate_type", aggregateType,
                "aggregate_id", aggregateId,
                "event_type", eventType,
                "payload", payload,
                "created_at", "2026-12-08T09:00:00.400Z"), 91, COMMITTED);
    }
}
