package dev.streamcart.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.TreeMap;

import dev.streamcart.inventory.alerts.AlertState;
import dev.streamcart.inventory.alerts.StockCondition;
import dev.streamcart.inventory.velocity.SalesHistory;
import org.junit.jupiter.api.Test;

class ProductStockSerdeTest {

    private final ProductStockSerde serde = new ProductStockSerde();

    @Test
    void stateWrittenBeforeVelocityAndAlertsExistedIsStillRead() {
        String previousVersion = """
                {"productId":3,"warehouses":{"1":{"warehouseId":1,"onHand":9,"reserved":2,"lowStockThreshold":10,
                "reorderPoint":5,"sourceLsn":40,"deleted":false}},"updatedAt":"2026-11-26T10:00:00Z"}""";

        ProductStock stock = serde.deserializer().deserialize("t", previousVersion.getBytes(StandardCharsets.UTF_8));

        assertThat(stock.totals().available()).isEqualTo(7);
        assertThat(stock.sales()).isEqualTo(SalesHistory.none());
        assertThat(stock.alerts()).isEqualTo(AlertState.INITIAL);
    }

    @Test
    void salesAndAlertStateSurviveTheRoundTrip() {
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        ProductStock stock = new ProductStock(3, new TreeMap<>(), at, SalesHistory.none().record(at, 4),
                new AlertState(StockCondition.LOW, true), at.plusSeconds(90));

        ProductStock read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", stock));

        assertThat(read).isEqualTo(stock);
    }
}
