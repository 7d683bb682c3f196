package dev.streamcart.serving.fraud;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's order velocity over the last 24 hours, as order-streams counted it from the outbox
 * events: what the payment risk check weighs.
 *
 * @param ordersLast24h distinct orders placed
 * @param distinctCardsLast24h distinct card fingerprints used to pay (paid or declined)
 * @param maxAddressesPerCardLast24h the most distinct shipping addresses seen with one of those cards
 * @param updatedAt when order-streams last computed them
 */
public record FraudSignals(long userId, int ordersLast24h, int distinctCardsLast24h, int maxAddressesPerCardLast24h,
                           Instant updatedAt) {

    public FraudSignals {
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    static FraudSignals of(dev.streamcart.schemas.fraud.FraudSignals signals) {
        return new FraudSignals(signals.getUserId(), signals.getOrdersLast24h(), signals.getDistinctCardsLast24h(),
                signals.getMaxAddressesPerCardLast24h(), signals.getUpdatedAt());
    }
}
