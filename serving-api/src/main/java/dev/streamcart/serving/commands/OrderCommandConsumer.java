package dev.streamcart.serving.commands;

import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderCommand;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.consuming.TopicBatchConsumer;

/**
 * Consumes {@code order-commands} (written by order-streams with exactly-once) in its own consumer
 * group and applies each command through {@link OrderCommandHandler}, each in its own transaction.
 *
 * <p>Guarantees ({@link TopicBatchConsumer}): at least once, made effectively once by the handler's
 * idempotence. Offsets are committed only after every command of the batch was applied; when
 * PostgreSQL refuses one, the batch is delivered again after a pause and the commands already
 * applied are found done.
 */
public final class OrderCommandConsumer implements AutoCloseable {

    public static final String GROUP_ID = "serving-api-order-commands";
    private static final int MAX_BATCH = 100;

    private final OrderCommandHandler handler;
    private final TopicBatchConsumer<OrderCommand> consumer;

    public OrderCommandConsumer(String bootstrapServers, SchemaRegistryClient registry, OrderCommandHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.consumer = new TopicBatchConsumer<>(bootstrapServers, registry, Topics.ORDER_COMMANDS, GROUP_ID, MAX_BATCH,
                this::apply);
    }

    public OrderCommandConsumer start() {
        consumer.start();
        return this;
    }

    /** How many commands were handled (applied, or found already done) since start. */
    public long handledCommands() {
        return consumer.handledValues();
    }

    private void apply(List<OrderCommand> batch) {
        for (OrderCommand command : batch) {
            handler.apply(command);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
