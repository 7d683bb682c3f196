package dev.streamcart.serving.fraud;

import java.util.Objects;
import java.util.Optional;

import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.readmodels.ReadModel;
import dev.streamcart.serving.readmodels.ReadModelUnavailableException;

/**
 * Fraud signals as order-streams computes them now, asked of the instance that owns the user. A
 * user with no activity in the window has none. When order-streams cannot answer, the signals are
 * unknown and the risk check counts from PostgreSQL instead, so a payment never waits on the view.
 */
public final class QueriedFraudSignals implements FraudSignalSource {

    private final ReadModel<dev.streamcart.schemas.fraud.FraudSignals> readModel;

    public QueriedFraudSignals(ReadModel<dev.streamcart.schemas.fraud.FraudSignals> readModel) {
        this.readModel = Objects.requireNonNull(readModel, "readModel");
    }

    @Override
    public Optional<FraudSignals> forUser(long userId) {
        try {
            return Optional.ofNullable(readModel.get(Topics.key(userId))).map(FraudSignals::of);
        } catch (ReadModelUnavailableException e) {
            return Optional.empty();
        }
    }
}
