package dev.streamcart.inventory.alerts;

import java.util.ArrayList;
import java.util.List;

import dev.streamcart.schemas.inventory.StockAlertType;

/**
 * Decides which alerts a new stock total raises, given what was raised before.
 *
 * <ul>
 *   <li>OUT_OF_STOCK when available reaches 0 from above;</li>
 *   <li>LOW_STOCK when available drops below the low-stock threshold from at or above it;</li>
 *   <li>BACK_IN_STOCK when available rises above 0 from 0 (also when it lands below the threshold:
 *       no LOW_STOCK follows, since the product was just worse than low);</li>
 *   <li>REORDER when available reaches the reorder point, once until it rises above it again.</li>
 * </ul>
 * Rising from LOW back to IN_STOCK raises nothing but re-arms LOW_STOCK.
 */
public final class StockAlertRules {

    private StockAlertRules() {}

    /** The alerts raised and the state to keep. */
    public record Outcome(List<StockAlertType> raised, AlertState next) {
        public Outcome {
            raised = List.copyOf(raised);
        }
    }

    public static Outcome evaluate(AlertState previous, StockTotals totals) {
        List<StockAlertType> raised = new ArrayList<>();
        StockCondition condition = StockCondition.of(totals.available(), totals.lowStockThreshold());
        if (condition != previous.condition()) {
            switch (condition) {
                case OUT -> raised.add(StockAlertType.OUT_OF_STOCK);
                case LOW -> raised.add(previous.condition() == StockCondition.OUT
                        ? StockAlertType.BACK_IN_STOCK : StockAlertType.LOW_STOCK);
                case IN_STOCK -> {
                    if (previous.condition() == StockCondition.OUT) {
                        raised.add(StockAlertType.BACK_IN_STOCK);
                    }
                }
            }
        }
        boolean atReorderPoint = totals.available() <= totals.reorderPoint();
        if (atReorderPoint && !previous.reorderRaised()) {
            raised.add(StockAlertType.REORDER);
        }
        return new Outcome(raised, new AlertState(condition, atReorderPoint));
    }
}
