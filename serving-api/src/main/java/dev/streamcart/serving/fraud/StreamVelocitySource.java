package dev.streamcart.serving.fraud;

import java.util.Objects;
import java.util.Optional;

import dev.streamcart.serving.payments.risk.VelocitySource;
import org.jspecify.annotations.Nullable;

/**
 * The payment risk check's velocity from order-streams' fraud signals: orders per user in 24 h
 * come from order-streams (asked of the instance that owns the user). Until the stream knows a user (a
 * first order, or an API without Kafka) and for the card count, which must include the card being
 * paid with right now, it asks {@code fallback} (PostgreSQL). The stream trails commits by about a
 * second, so an order placed a moment ago may not be counted yet: the threshold has slack for that.
 */
public final class StreamVelocitySource implements VelocitySource {

    private final FraudSignalSource signals;
    private final VelocitySource fallback;

    public StreamVelocitySource(FraudSignalSource signals, VelocitySource fallback) {
        this.signals = Objects.requireNonNull(signals, "signals");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public int ordersLast24h(long userId) {
        Optional<FraudSignals> known = signals.forUser(userId);
        return known.isPresent() ? known.get().ordersLast24h() : fallback.ordersLast24h(userId);
    }

    @Override
    public int distinctCardsLast24h(long userId, @Nullable String currentCard) {
        return fallback.distinctCardsLast24h(userId, currentCard);
    }
}
