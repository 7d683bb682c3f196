package dev.streamcart.serving.payments.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the risk score is computed from, gathered for one payment attempt.
 *
 * @param amount              the order total
 * @param ordersLast24h       orders the buyer placed in the last 24 hours, this one included
 * @param distinctCardsLast24h different card fingerprints the buyer paid with in the last 24 hours, this card included
 * @param newDevice           the request's device has not paid for this buyer before (false when no device was sent)
 * @param deviceMissing       the request named no device at all
 * @param newShippingAddress  the order ships to an address no paid order of the buyer went to (false when it has none)
 * @param priceMismatches     order items whose price differs from the product's current price
 */
public record RiskSignals(BigDecimal amount, int ordersLast24h, int distinctCardsLast24h, boolean newDevice,
                          boolean deviceMissing, boolean newShippingAddress, int priceMismatches) {

    public RiskSignals {
        Objects.requireNonNull(amount, "amount");
    }
}
