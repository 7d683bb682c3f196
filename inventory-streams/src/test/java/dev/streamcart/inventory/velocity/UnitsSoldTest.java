package dev.streamcart.inventory.velocity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsSoldTest {

    @Test
    void aReservationIsASale() {
        assertThat(UnitsSold.between(100, 0, 100, 3)).isEqualTo(3);
    }

    @Test
    void shippingReservedUnitsIsNotCountedTwice() {
        assertThat(UnitsSold.between(100, 3, 97, 0)).isZero();
    }

    @Test
    void aReleaseTakesTheSaleBack() {
        assertThat(UnitsSold.between(100, 3, 100, 0)).isEqualTo(-3);
    }

    @Test
    void receivingOrAdjustingStockIsNoSale() {
        assertThat(UnitsSold.between(100, 3, 150, 3)).isZero();
        assertThat(UnitsSold.between(100, 3, 90, 3)).isZero();
    }
}
