package dev.streamcart.serving.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

import dev.streamcart.serving.db.SqlWork;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.jspecify.annotations.Nullable;

/**
 * Runs a request at most once per (Idempotency-Key, endpoint).
 *
 * <p>The key row is claimed first, in the same transaction as the effect: {@code INSERT ... ON
 * CONFLICT DO NOTHING} waits for a concurrent holder of the same key, so two simultaneous retries
 * never both run the effect (and never both charge a card). The winner runs the effect and stores
 * its response; everyone else replays that response. If the effect throws, the transaction rolls
 * back with the claim, and the key stays free for a corrected retry.
 *
 * <p>A key is remembered for {@link #RETENTION}: a key older than that is claimed afresh (exactly
 * at the boundary, whether or not the retention sweeper has deleted its row yet), so the table
 * stays bounded by one day of requests.
 */
public final class IdempotentRequests {

    /** How long a key's first response is replayed; Stripe and others keep theirs for 24 hours too. */
    public static final Duration RETENTION = Duration.ofHours(24);

    private final Transactions transactions;

    public IdempotentRequests(Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    public StoredResponse execute(IdempotencyKey key, String endpoint, String requestHash, SqlWork<StoredResponse> effect) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(requestHash, "requestHash");
        return transactions.inTransaction(connection -> {
            if (!claim(connection, key, endpoint, requestHash)) {
                return replay(connection, key, endpoint, requestHash);
            }
            StoredResponse response = effect.run(connection);
            store(connection, key, endpoint, response);
            return response;
        });
    }

    /**
     * Like {@link #execute} when the client sent a key; without one the effect simply runs in its own
     * transaction (for calls whose effect cannot repeat anyway, such as a status change).
     */
    public StoredResponse executeOptional(@Nullable IdempotencyKey key, String endpoint, String requestHash,
                                          SqlWork<StoredResponse> effect) {
        return key == null ? transactions.inTransaction(effect) : execute(key, endpoint, requestHash, effect);
    }

    private static boolean claim(Connection connection, IdempotencyKey key, String endpoint, String requestHash)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO idempotency_keys (idempotency_key, endpoint, request_hash, response_status, response_type, response_body)
                VALUES (?, ?, ?, 0, '', '')
                ON CONFLICT (idempotency_key, endpoint) DO UPDATE
                    SET request_hash = EXCLUDED.request_hash, response_status = 0, response_type = '', response_body = '',
                        created_at = now()
                    WHERE idempotency_keys.created_at < now() - make_interval(secs => ?)""")) {
            insert.setString(1, key.value());
            insert.setString(2, endpoint);
            insert.setString(3, requestHash);
            insert.setLong(4, RETENTION.toSeconds());
            return insert.executeUpdate() == 1;
        }
    }

    private static StoredResponse replay(Connection connection, IdempotencyKey key, String endpoint, String requestHash)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT request_hash, response_status, response_type, response_body FROM idempotency_keys
                WHERE idempotency_key = ? AND endpoint = ?""")) {
            select.setString(1, key.value());
            select.setString(2, endpoint);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("idempotency key vanished between claim and replay");
                }
                if (!row.getString(1).equals(requestHash)) {
                    throw new DomainException(ProblemKind.IDEMPOTENCY_KEY_REUSED, "the " + IdempotencyKey.HEADER
                            + " '" + key.value() + "' was first used with a different request on " + endpoint);
                }
                return new StoredResponse(row.getInt(2), row.getString(3), row.getString(4));
            }
        }
    }

    private static void store(Connection connection, IdempotencyKey key, String endpoint, StoredResponse response)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE idempotency_keys SET response_status = ?, response_type = ?, response_body = ?
                WHERE idempotency_key = ? AND endpoint = ?""")) {
            update.setInt(1, response.status());
            update.setString(2, response.contentType());
            update.setString(3, response.body());
            update.setString(4, key.value());
            update.setString(5, endpoint);
            update.executeUpdate();
        }
    }
}
