package dev.streamcart.serving.payments;

import java.util.Objects;

/** What the gateway answered: captured, or declined with a reason. Both carry its reference. */
public sealed interface ChargeResult {

    String gatewayReference();

    record Approved(String gatewayReference) implements ChargeResult {
        public Approved {
            Objects.requireNonNull(gatewayReference, "gatewayReference");
        }
    }

    record Declined(String gatewayReference, DeclineReason reason) implements ChargeResult {
        public Declined {
            Objects.requireNonNull(gatewayReference, "gatewayReference");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
