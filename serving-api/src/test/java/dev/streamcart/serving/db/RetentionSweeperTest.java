package dev.streamcart.serving.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import dev.streamcart.serving.idempotency.IdempotentRequests;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox and the idempotency keys keep only their retention window, on a real PostgreSQL. */
class RetentionSweeperTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    @Test
    void outboxRowsOlderThanTheRetentionAreDeletedInBatchesAndNewerOnesKept() {
        // more than one batch of old rows, and a few that are still inside the window
        SERVER.execute("""
                INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, created_at)
                SELECT gen_random_uuid(), 'order', g::text, 'OrderPlaced', '{}'::jsonb, now() - interval '20 minutes'
                FROM generate_series(1, 12000) g""");
        SERVER.execute("""
                INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, created_at)
                SELECT gen_random_uuid(), 'order', g::text, 'OrderPlaced', '{}'::jsonb, now() - interval '1 minute'
                FROM generate_series(1, 7) g""");
        Db db = new Db(SERVER.database());
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

        Db db = new Db(SERVER.database());
        assertThat(db.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'old-key'")).isZero();
        assertThat(db.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'fresh-key'")).isEqualTo(1);
    }
}
