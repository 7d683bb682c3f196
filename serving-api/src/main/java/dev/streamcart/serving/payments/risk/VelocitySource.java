package dev.streamcart.serving.payments.risk;

import org.jspecify.annotations.Nullable;

/**
 * How much a buyer has been buying lately. {@link PostgresVelocitySource} counts in PostgreSQL; the
 * fraud signals that order-streams computes from the event stream can stand in for it.
 */
public interface VelocitySource {

    /** Orders the user placed in the last 24 hours (whatever became of them). */
    int ordersLast24h(long userId);

    /**
     * Different cards (by fingerprint) the user paid or tried to pay with in the last 24 hours,
     * counting {@code currentCard} too when given.
     */
    int distinctCardsLast24h(long userId, @Nullable String currentCard);
}
