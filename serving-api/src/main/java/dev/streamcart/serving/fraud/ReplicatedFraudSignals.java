package dev.streamcart.serving.fraud;

import java.util.Objects;
import java.util.Optional;

import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.replica.ReadModel;

/**
 * Fraud signals from the in-memory replica of order-streams' compacted {@code fraud-signals}
 * topic: a map lookup, never a query. A user whose activity left the window was tombstoned there,
 * so has no signals here.
 */
public final class ReplicatedFraudSignals implements FraudSignalSource {

    private final ReadModel<dev.streamcart.schemas.fraud.FraudSignals> readModel;

    public ReplicatedFraudSignals(ReadModel<dev.streamcart.schemas.fraud.FraudSignals> readModel) {
        this.readModel = Objects.requireNonNull(readModel, "readModel");
    }

    @Override
    public Optional<FraudSignals> forUser(long userId) {
        return Optional.ofNullable(readModel.get(Topics.key(userId))).map(FraudSignals::of);
    }
}
