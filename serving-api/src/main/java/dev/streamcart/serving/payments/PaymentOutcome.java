package dev.streamcart.serving.payments;

import java.math.BigDecimal;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.payments.risk.RiskAssessment;

/**
 * The committed result of a payment attempt: captured (order PAID), authorised only (manual
 * capture; order still PENDING_PAYMENT), declined by the gateway or blocked by the risk score
 * (both: order PAYMENT_FAILED, stock released), or abandoned because the order was cancelled or
 * expired while the provider was being asked (its authorisation voided, nothing charged).
 */
public sealed interface PaymentOutcome {

    long orderId();

    long paymentId();

    OrderStatus orderStatus();

    /** A payment that went through: {@code paymentStatus} is CAPTURED or AUTHORIZED. */
    record Accepted(long orderId, long paymentId, OrderStatus orderStatus, String paymentStatus, PaymentMethod method,
                    BigDecimal amount, String currency, PaymentInstrument.Stored instrument, int riskScore)
            implements PaymentOutcome {
        public Accepted {
            Objects.requireNonNull(orderStatus, "orderStatus");
            Objects.requireNonNull(paymentStatus, "paymentStatus");
            Objects.requireNonNull(amount, "amount");
        }
    }

    record Declined(long orderId, long paymentId, DeclineReason reason) implements PaymentOutcome {
        public Declined {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public OrderStatus orderStatus() {
            return OrderStatus.PAYMENT_FAILED;
        }
    }

    record Blocked(long orderId, long paymentId, RiskAssessment risk) implements PaymentOutcome {
        public Blocked {
            Objects.requireNonNull(risk, "risk");
        }

        @Override
        public OrderStatus orderStatus() {
            return OrderStatus.PAYMENT_FAILED;
        }
    }

    /**
     * The order stopped awaiting payment (cancelled, or expired by its payment deadline) while the
     * provider was being asked: an authorisation it gave is voided, nothing is charged.
     */
    record Abandoned(long orderId, long paymentId, OrderStatus orderStatus) implements PaymentOutcome {
        public Abandoned {
            Objects.requireNonNull(orderStatus, "orderStatus");
        }
    }
}
