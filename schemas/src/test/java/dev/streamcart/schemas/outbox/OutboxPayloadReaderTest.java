package dev.streamcart.schemas.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The outbox payload round trip without PostgreSQL: what the encoder writes, the reader gives back
 * field for field, whatever the order of the keys (jsonb sorts them), as a generic record of the
 * writer's schema.
 */
class OutboxPayloadReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutboxPayloadReader reader = new OutboxPayloadReader(OrderEvent.getClassSchema());

    @Test
    void readsBackWhatTheEncoderWroteWithTheKeysInAnyOrder() throws Exception {
        OrderEvent shipped = shipped();
        OutboxPayload payload = new OutboxEncoder(null).encode(OutboxAggregate.ORDER, shipped);

        String reversed = JSON.writeValueAsString(reverseKeys(JSON.readTree(payload.json())));
        GenericRecord read = reader.read(reversed);

        assertThat(payload.schemaId()).as("no registry, no id").isNull();
        assertThat(reversed).doesNotStartWith("{\"eventId\"");
        assertThat(OutboxPayloadReader.read(reversed, OrderEvent.class)).isEqualTo(shipped);
        assertThat(read.get("occurredAt")).isEqualTo(shipped.getOccurredAt().toEpochMilli());
        assertThat(read.get("type")).hasToString("ORDER_SHIPPED");
        assertThat(read.get("carrier")).hasToString("DHL");
        assertThat(read.get("trackingNumber")).hasToString("00340434161094042557");
    }

    @Test
    void readingTheSameReaderTwiceStartsAfresh() {
        String json = new OutboxEncoder(null).encode(OutboxAggregate.ORDER, shipped()).json();

        assertThat(reader.read(json)).isEqualTo(reader.read(json));
    }

    @Test
    void aPayloadThatIsNotTheSchemasJsonIsRejectedWithTheReason() {
        assertThatThrownBy(() -> reader.read("{\"orderId\": 1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev.streamcart.schemas.order.OrderEvent");
        assertThatThrownBy(() -> reader.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGenericRecordIsWhatGenericDataExpects() {
        GenericRecord read = reader.read(new OutboxEncoder(null).encode(OutboxAggregate.ORDER, shipped()).json());

        assertThat(GenericData.get().validate(OrderEvent.getClassSchema(), read)).isTrue();
    }

    static OrderEvent shipped() {
        return OrderEvent.newBuilder()
                .setEventId("0b9f4c1e-5a1e-4c1a-9d1e-000000000007")
                .setOrderId(12).setUserId(3)
                .setType(OrderEventType.ORDER_SHIPPED).setStatus(OrderStatus.SHIPPED)
                .setTotalCents(4900).setCurrency("USD")
                .setItems(List.of(OrderLine.newBuilder().setProductId(1).setSellerId(1).setCategoryId(2).setQuantity(2)
                        .setUnitPriceCents(2450).setRecommendationVariant("als").build()))
                .setOccurredAt(Instant.parse("2026-12-08T09:00:00.123Z"))
                .setRegion("EU")
                .setCarrier("DHL").setTrackingNumber("00340434161094042557")
                .build();
    }

    private static JsonNode reverseKeys(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            node.fields().forEachRemaining(fields::add);
            Collections.reverse(fields);
            ObjectNode reversed = JSON.createObjectNode();
            fields.forEach(field -> reversed.set(field.getKey(), reverseKeys(field.getValue())));
            return reversed;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(reverseKeys(element)));
            return copy;
        }
        return node;
    }
}
