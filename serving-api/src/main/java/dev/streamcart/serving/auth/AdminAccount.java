package dev.streamcart.serving.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.users.EmailAddress;
import dev.streamcart.serving.users.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the operator can sign in: the admin account of {@code auth.admin.email} exists, has
 * the admin role, and has the password of {@code auth.admin.password}. Run at start, so changing
 * the configured password and restarting changes the admin's password.
 */
public final class AdminAccount {

    private static final Logger LOG = LoggerFactory.getLogger(AdminAccount.class);

    private AdminAccount() {
    }

    public static long ensure(Transactions transactions, PasswordHasher hasher, EmailAddress email, char[] password) {
        Objects.requireNonNull(email, "email");
        String weakness = PasswordHasher.weakness(new String(password));
        if (weakness != null) {
            throw new IllegalArgumentException("auth.admin.password " + weakness);
        }
        String existingHash = transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
                select.setString(1, email.value());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
        // BCrypt is slow on purpose: only hash again when the configured password changed
        String hash = existingHash != null && hasher.matches(password, existingHash) ? existingHash : hasher.hash(password);
        long id = transactions.inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO users (email, password_hash, first_name, last_name, role, is_email_verified)
                    VALUES (?, ?, 'Platform', 'Admin', 'admin', TRUE)
                    ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = 'admin',
                        is_active = TRUE, updated_at = now()
                    RETURNING id""")) {
                upsert.setString(1, email.value());
                upsert.setString(2, hash);
                try (ResultSet row = upsert.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
        LOG.info("admin account {} is ready (user {})", email.value(), id);
        return id;
    }
}
