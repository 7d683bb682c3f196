package dev.streamcart.serving.commands;

import java.util.Objects;
import java.util.Optional;

import dev.streamcart.schemas.order.OrderCommand;
import dev.streamcart.schemas.order.OrderCommandType;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderCancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one command from order-streams to PostgreSQL, in one transaction. Idempotent: the
 * command acts only on an order still in the state it was issued for, so a command delivered or
 * issued twice changes nothing the second time. The result flows back to order-streams through
 * the outbox and CDC.
 */
public final class OrderCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OrderCommandHandler.class);

    /** What applying a command did. */
    public enum Outcome { APPLIED, ALREADY_DONE, UNSUPPORTED }

    private final Transactions transactions;
    private final OrderCancellation cancellation;

    public OrderCommandHandler(Transactions transactions, OrderCancellation cancellation) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
    }

    public Outcome apply(OrderCommand command) {
        Objects.requireNonNull(command, "command");
        if (command.getType() != OrderCommandType.EXPIRE_PAYMENT) {
            // a command type newer than this reader (read as UNKNOWN): nothing we know how to do
            LOG.warn("skipping command {} of unsupported type {}", command.getCommandId(), command.getType());
            return Outcome.UNSUPPORTED;
        }
        Optional<Order> expired = transactions.inTransaction(connection ->
                cancellation.expireUnpaid(connection, command.getOrderId(), command.getReason()));
        // committed: the provider is asked to release an authorisation with no row lock held; on a
        // repeat too, so a command re-delivered after a crash before the void still releases it
        cancellation.voidLeftOverAuthorizations(command.getOrderId());
        if (expired.isPresent()) {
            LOG.info("order {} expired: {} (command {})", command.getOrderId(), command.getReason(), command.getCommandId());
            return Outcome.APPLIED;
        }
        return Outcome.ALREADY_DONE;
    }
}
