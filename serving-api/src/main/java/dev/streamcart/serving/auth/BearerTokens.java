package dev.streamcart.serving.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.streamcart.serving.db.Transactions;

/**
 * Opaque bearer tokens: 256 random bits handed to the client once, stored only as their SHA-256.
 * Resolving a token costs a primary-key lookup; a resolved token is remembered for a few seconds
 * so hot paths (recommendations, stock) do not hit PostgreSQL on every call. Logout on this
 * instance forgets it at once; elsewhere within {@link #CACHE_TIME}.
 */
public final class BearerTokens {

    static final Duration CACHE_TIME = Duration.ofSeconds(30);
    private static final int CACHE_LIMIT = 100_000;

    private record Cached(Principal principal, Instant expiresAt, Instant cachedUntil) {}

    /** A token as handed to the client, with when it stops working. */
    public record IssuedToken(String token, Instant expiresAt) {}

    private final Transactions transactions;
    private final Duration timeToLive;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public BearerTokens(Transactions transactions, Duration timeToLive, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public IssuedToken issue(long userId) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = clock.instant().plus(timeToLive);
        transactions.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO auth_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, hash(token));
                insert.setLong(2, userId);
                insert.setTimestamp(3, Timestamp.from(expiresAt));
                return insert.executeUpdate();
            }
        });
        return new IssuedToken(token, expiresAt);
    }

    /** The account behind a token that is known, unexpired, unrevoked and of an active user. */
    public Optional<Principal> resolve(String token) {
        String hash = hash(token);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && now.isBefore(cached.cachedUntil()) && now.isBefore(cached.expiresAt())) {
            return Optional.of(cached.principal());
        }
        Optional<Cached> fresh = transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT u.id, u.role, s.id AS seller_id, t.expires_at
                    FROM auth_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN sellers s ON s.user_id = u.id
                    WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > now() AND u.is_active""")) {
                select.setString(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    // read as an object: wasNull() after further getters would report on the wrong column
                    Long sellerId = row.getObject("seller_id", Long.class);
                    Principal principal = new Principal(row.getLong("id"), Role.fromDatabase(row.getString("role")),
                            sellerId);
                    return Optional.of(new Cached(principal, row.getTimestamp("expires_at").toInstant(),
                            now.plus(CACHE_TIME)));
                }
            }
        });
        if (fresh.isEmpty()) {
            cache.remove(hash);
            return Optional.empty();
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear(); // crude but bounded; a miss only costs one lookup
        }
        cache.put(hash, fresh.get());
        return Optional.of(fresh.get().principal());
    }

    public void revoke(String token) {
        String hash = hash(token);
        cache.remove(hash);
        transactions.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE auth_tokens SET revoked_at = now() WHERE token_hash = ? AND revoked_at IS NULL")) {
                update.setString(1, hash);
                return update.executeUpdate();
            }
        });
    }

    /** Forgets every cached token of a user, e.g. after a role change, so the next call re-reads it. */
    public void forgetUser(long userId) {
        cache.values().removeIf(cached -> cached.principal().userId() == userId);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
