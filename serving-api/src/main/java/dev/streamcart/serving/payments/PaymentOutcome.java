package dev.streamcart.serving.payments;

import java.math.BigDecimal;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderStatus;

/** The committed result of a payment attempt: the order is PAID, or PAYMENT_FAILED with its stock released. */
public sealed interface PaymentOutcome {

    long orderId();

    long paymentId();

    OrderStatus orderStatus();

    record Paid(long orderId, long paymentId, BigDecimal amount, String currency, String cardBrand, String cardLast4)
            implements PaymentOutcome {
        public Paid {
            Objects.requireNonNull(amount, "amount");
        }

        @Override
        public OrderStatus orderStatus() {
            return OrderStatus.PAID;
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
}
