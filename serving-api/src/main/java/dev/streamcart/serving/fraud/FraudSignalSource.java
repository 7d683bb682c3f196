package dev.streamcart.serving.fraud;

import java.util.Optional;

/** Where the payment risk check gets a user's fraud velocity signals. */
public interface FraudSignalSource {

    /** The user's signals, or empty when the user had no order activity in the last 24 hours (or none is known yet). */
    Optional<FraudSignals> forUser(long userId);

    /** For an API running without Kafka: no signals for anyone. */
    static FraudSignalSource none() {
        return userId -> Optional.empty();
    }
}
