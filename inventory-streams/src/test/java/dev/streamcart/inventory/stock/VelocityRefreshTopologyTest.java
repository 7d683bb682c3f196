package dev.streamcart.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sales velocity decays with the wall clock when nothing sells, and is re-published only when it changed. */
class VelocityRefreshTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration REFRESH = Duration.ofMinutes(1);

    private long lsn = 1;

    private StockTopologyDriver streams;

    @BeforeEach
    void startDriver() {
        streams = new StockTopologyDriver("inventory-streams-velocity-test", REFRESH, T0.plus(Duration.ofMinutes(5)));
    }

    @AfterEach
    void closeDriver() {
        streams.close();
    }

    @Test
    void velocityDecaysWhenNothingSellsAndIsRepublishedOnlyWhenItChanged() {
        change(1, 100, 0, T0);
        change(1, 100, 10, T0.plusSeconds(60));        // 10 units reserved by orders: sold
        StockLevel afterSale = last(streams.stockLevels.readRecordsToList());
        assertThat(afterSale.getUnitsLast24h()).isEqualTo(10);
        assertThat(afterSale.getUnitsPerDay()).isEqualTo(10.0);
        assertThat(afterSale.getDaysOfCover()).isEqualTo(9.0);

        streams.driver().advanceWallClockTime(REFRESH.multipliedBy(3));
        assertThat(streams.stockLevels.isEmpty()).as("nothing changed within the same hour: nothing re-published").isTrue();

        // a day later, no sale since: the 24 h window is empty and the pace spreads over the days observed
        streams.driver().advanceWallClockTime(Duration.ofHours(25));
        List<TestRecord<String, StockLevel>> dayLater = streams.stockLevels.readRecordsToList();
        assertThat(dayLater).hasSize(1);
        assertThat(dayLater.get(0).key()).isEqualTo("1");
        StockLevel decayed = dayLater.get(0).value();
        assertThat(decayed.getUnitsLast24h()).isZero();
        assertThat(decayed.getUnitsLast7d()).isEqualTo(10);
        assertThat(decayed.getUnitsPerDay()).isLessThan(10.0).isGreaterThan(9.0);
        assertThat(decayed.getDaysOfCover()).isCloseTo(90 / decayed.getUnitsPerDay(), within(1e-9));
        assertThat(decayed.getAvailable()).as("stock itself unchanged").isEqualTo(90);
        assertThat(decayed.getUpdatedAt()).as("still the commit time of the last change").isEqualTo(T0.plusSeconds(60));

        // a week later the sale left the 7-day window: no pace, unlimited cover
        streams.driver().advanceWallClockTime(Duration.ofDays(7));
        StockLevel weekLater = last(streams.stockLevels.readRecordsToList());
        assertThat(weekLater.getUnitsLast7d()).isZero();
        assertThat(weekLater.getUnitsPerDay()).isZero();
        assertThat(weekLater.getDaysOfCover()).isNull();

        streams.driver().advanceWallClockTime(Duration.ofDays(1));
        assertThat(streams.stockLevels.isEmpty()).as("no sales and nothing left to decay").isTrue();
    }

    @Test
    void productsThatNeverSoldAreNotRepublished() {
        change(2, 50, 0, T0);
        change(2, 60, 0, T0.plusSeconds(5));   // stock received: not a sale
        streams.stockLevels.readRecordsToList();

        streams.driver().advanceWallClockTime(Duration.ofDays(2));

        assertThat(streams.stockLevels.isEmpty()).isTrue();
    }

    @Test
    void aChangeAfterARefreshKeepsTheDecayedFigures() {
        change(3, 100, 0, T0);
        change(3, 100, 24, T0.plusSeconds(60));
        streams.driver().advanceWallClockTime(Duration.ofHours(48));
        StockLevel decayed = last(streams.stockLevels.readRecordsToList());
        assertThat(decayed.getUnitsLast24h()).isZero();

        // a late change committed before the refresh (e.g. stock received) must not bring the old pace back
        change(3, 110, 24, T0.plusSeconds(120));
        StockLevel afterReceipt = last(streams.stockLevels.readRecordsToList());
        assertThat(afterReceipt.getUnitsLast24h()).isZero();
        assertThat(afterReceipt.getUnitsPerDay()).isEqualTo(decayed.getUnitsPerDay());
        assertThat(afterReceipt.getAvailable()).isEqualTo(86);
    }

    private void change(long productId, int onHand, int reserved, Instant committedAt) {
        InventoryChanged change = InventoryChanged.newBuilder()
                .setProductId(productId).setWarehouseId(1).setQuantity(onHand).setReservedQuantity(reserved)
                .setLowStockThreshold(10).setReorderPoint(5).setDeleted(false)
                .setSourceLsn(lsn++).setCommittedAt(committedAt).build();
        streams.changes.pipeInput(Topics.key(productId), change, committedAt);
    }

    private static StockLevel last(List<TestRecord<String, StockLevel>> records) {
        assertThat(records).isNotEmpty();
        return records.get(records.size() - 1).value();
    }
}
