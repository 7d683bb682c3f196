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

    @Test
    void everyPartOfTheStateSurvivesTheBinaryLayout() {
        Instant at = Instant.parse("2026-11-26T10:00:00.123456789Z");
        TreeMap<Long, WarehouseEntry> warehouses = new TreeMap<>();
        warehouses.put(1L, new WarehouseEntry(1, 9, 2, 10, 5, 40, false));
        warehouses.put(7L, new WarehouseEntry(7, 0, 0, 3, 1, 41, true));
        ProductStock stock = new ProductStock(3, warehouses, at,
                SalesHistory.none().record(at.minusSeconds(7_200), 5).record(at, -2),
                new AlertState(StockCondition.OUT, false), null);

        byte[] bytes = serde.serializer().serialize("t", stock);
        ProductStock read = serde.deserializer().deserialize("t", bytes);

        assertThat(bytes[0]).isEqualTo(ProductStockSerde.BINARY_V1);
        assertThat(read).isEqualTo(stock);
        assertThat(read.toStockLevel()).isEqualTo(stock.toStockLevel());
    }

    @Test
    void stateWrittenAsJsonWithEveryFieldIsReadTheSame() {
        String json = """
                {"productId":3,"warehouses":{"1":{"warehouseId":1,"onHand":9,"reserved":2,"lowStockThreshold":10,
                "reorderPoint":5,"sourceLsn":40,"deleted":false}},"updatedAt":"2026-11-26T10:00:00Z",
                "sales":{"unitsByHour":{"493450":4},"since":"2026-11-26T09:30:00Z"},
                "alerts":{"condition":"LOW","reorderRaised":true},"velocityAsOf":"2026-11-26T10:01:30Z"}""";

        ProductStock stock = serde.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        assertThat(stock.alerts()).isEqualTo(new AlertState(StockCondition.LOW, true));
        assertThat(stock.sales().unitsByHour()).containsEntry(493450L, 4);
        assertThat(stock.velocityAsOf()).isEqualTo(Instant.parse("2026-11-26T10:01:30Z"));
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", stock))).isEqualTo(stock);
    }
}
