package dev.streamcart.serving.payments;

import java.util.Objects;

/** The gateway's answer to an authorisation: approved with a token for the instrument, or declined. */
public sealed interface Authorization {

    String gatewayReference();

    record Approved(String gatewayReference, String token) implements Authorization {
        public Approved {
            Objects.requireNonNull(gatewayReference, "gatewayReference");
            Objects.requireNonNull(token, "token");
        }
    }

    record Declined(String gatewayReference, DeclineReason reason) implements Authorization {
        public Declined {
            Objects.requireNonNull(gatewayReference, "gatewayReference");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
