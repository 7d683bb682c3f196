package dev.streamcart.serving.testing;

import java.time.Instant;

import dev.streamcart.schemas.order.OrderCommand;
import dev.streamcart.schemas.order.OrderCommandType;

/** Commands as order-streams sends them to serving-api, for tests of its command handling. */
public final class OrderCommands {

    private OrderCommands() {}

    /** The command order-streams' payment timeout issues for an order left unpaid, issued now. */
    public static OrderCommand expirePayment(long orderId) {
        return OrderCommand.newBuilder()
                .setCommandId(orderId + ":EXPIRE_PAYMENT")
                .setOrderId(orderId)
                .setType(OrderCommandType.EXPIRE_PAYMENT)
                .setReason("payment timeout")
                .setIssuedAt(Instant.now())
                .build();
    }
}
