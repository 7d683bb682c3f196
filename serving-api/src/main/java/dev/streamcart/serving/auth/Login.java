package dev.streamcart.serving.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.users.EmailAddress;
import dev.streamcart.serving.users.PasswordHasher;
import org.jspecify.annotations.Nullable;

/**
 * Exchanges an e-mail address and password for a bearer token. Every failure reads the same,
 * and an unknown address costs the same BCrypt work as a wrong password, so neither the answer
 * nor its timing tells which addresses have accounts.
 */
public final class Login {

    private static final String FAILED = "e-mail address or password is wrong";

    private record Account(long id, String passwordHash, boolean active) {}

    private final Transactions transactions;
    private final PasswordHasher hasher;
    private final BearerTokens tokens;
    private final LoginThrottle throttle;
    private final String unknownAccountHash;

    public Login(Transactions transactions, PasswordHasher hasher, BearerTokens tokens, LoginThrottle throttle) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.unknownAccountHash = hasher.hash("no account has this password".toCharArray());
    }

    public BearerTokens.IssuedToken login(String email, char[] password, String client) {
        String account = new EmailAddress(email).value();
        // counted before the hash: parallel guesses see each other
        LoginThrottle.Attempt attempt = throttle.beforeAttempt(account, client);
        Account found = find(account);
        boolean matches = hasher.matches(password, found == null ? unknownAccountHash : found.passwordHash());
        if (found == null || !matches || !found.active()) {
            throw new DomainException(ProblemKind.UNAUTHENTICATED, FAILED);
        }
        throttle.succeeded(attempt);
        return tokens.issue(found.id());
    }

    private @Nullable Account find(String email) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, password_hash, is_active FROM users WHERE email = ?")) {
                select.setString(1, email);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? new Account(row.getLong(1), row.getString(2), row.getBoolean(3)) : null;
                }
            }
        });
    }
}
