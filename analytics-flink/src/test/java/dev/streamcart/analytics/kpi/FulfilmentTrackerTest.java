package dev.streamcart.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;

import dev.streamcart.analytics.sales.OrderEventFacts;
import dev.streamcart.schemas.order.OrderEventType;
import org.junit.jupiter.api.Test;

class FulfilmentTrackerTest {

    @Test
    void eachStepKeepsItsFirstTimeAndTheVersionCountsTheStepsKnown() {
        FulfilmentTimes paid = FulfilmentTracker.next(FulfilmentTimes.NONE, event(OrderEventType.ORDER_PAID, 1_000));
        FulfilmentTimes shipped = FulfilmentTracker.next(paid, event(OrderEventType.ORDER_SHIPPED, 61_000));
        FulfilmentTimes shippedAgain = FulfilmentTracker.next(shipped, event(OrderEventType.ORDER_SHIPPED, 99_000));
        FulfilmentTimes delivered = FulfilmentTracker.next(shippedAgain, event(OrderEventType.ORDER_DELIVERED, 3_601_000));

        assertThat(shippedAgain).isEqualTo(shipped);
        assertThat(FulfilmentTracker.row(5, paid)).isEqualTo(
                new KpiRow(KpiTable.ORDER_FULFILMENT, new long[] {5, 1, 0, 0}, new String[0], 1));
        assertThat(FulfilmentTracker.row(5, delivered)).isEqualTo(
                new KpiRow(KpiTable.ORDER_FULFILMENT, new long[] {5, 1, 61, 3601}, new String[0], 3));
    }

    @Test
    void otherEventsChangeNothing() {
        assertThat(FulfilmentTracker.next(FulfilmentTimes.NONE, event(OrderEventType.ORDER_PLACED, 1_000)))
                .isEqualTo(FulfilmentTimes.NONE);
    }

    private static OrderEventFacts event(OrderEventType type, long at) {
        return new OrderEventFacts("e-" + type + at, 5, type, at, new ArrayList<>());
    }
}
