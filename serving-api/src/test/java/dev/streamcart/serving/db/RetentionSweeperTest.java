package dev.streamcart.serving.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import dev.streamcart.serving.events.OutboxWriter;
import dev.streamcart.serving.idempotency.IdempotentRequests;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderEventRecords;
import dev.streamcart.serving.orders.OrderEvents;
import dev.streamcart.serving.orders.OrderItem;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox and the idempotency keys keep only their retention window, on a real PostgreSQL. */
class RetentionSweeperTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    @Test
    void outboxRowsOlderThanTheRetentionAreDeletedInBatchesAndNewerOnesKept() throws SQLException {
        // one event written as the API writes it, copied into more than one batch of old rows and a
        // few that are still inside the window
        UUID written;
        try (Connection connection = SERVER.database().getConnection()) {
            written = new OrderEvents(new OutboxWriter(new OutboxEncoder(null), Clock.systemUTC())).append(connection,
                    OrderEventRecords.of(new Order(1, 2, OrderStatus.PENDING_PAYMENT, new BigDecimal("9.99"), "USD",
                            List.of(new OrderItem(3, 4, 5, 1, new BigDecimal("9.99")))), OrderEventType.ORDER_PLACED));
        }
        SERVER.execute("""
                INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, schema_id, created_at)
                SELECT gen_random_uuid(), aggregate_type, g::text, event_type, payload, schema_id,
                       now() - CASE WHEN g <= 12000 THEN interval '20 minutes' ELSE interval '1 minute' END
                FROM outbox, generate_series(1, 12007) g""");
        SERVER.execute("DELETE FROM outbox WHERE id = '" + written + "'");
        Db db = SERVER.db();
        long before = db.count("SELECT count(*) FROM outbox");

        long deleted = new RetentionSweeper(new Transactions(SERVER.database()), "outbox", "created_at",
                Duration.ofMinutes(15), Clock.systemUTC()).sweep();

        assertThat(deleted).isEqualTo(12_000);
        assertThat(db.count("SELECT count(*) FROM outbox")).isEqualTo(before - 12_000);
        assertThat(db.count("SELECT count(*) FROM outbox WHERE created_at < now() - interval '15 minutes'")).isZero();
    }

    @Test
    void idempotencyKeysExpireAfterADay() {
        SERVER.execute("""
                INSERT INTO idempotency_keys (idempotency_key, endpoint, request_hash, response_status, response_body, created_at)
                VALUES ('old-key', 'POST /api/orders', repeat('a', 64), 201, '{}', now() - interval '25 hours'),
                       ('fresh-key', 'POST /api/orders', repeat('a', 64), 201, '{}', now() - interval '23 hours')""");

        new RetentionSweeper(new Transactions(SERVER.database()), "idempotency_keys", "created_at",
                IdempotentRequests.RETENTION, Clock.systemUTC()).sweep();

        Db db = SERVER.db();
        assertThat(db.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'old-key'")).isZero();
        assertThat(db.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'fresh-key'")).isEqualTo(1);
    }
}
