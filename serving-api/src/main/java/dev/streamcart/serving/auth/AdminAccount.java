package dev.streamcart.serving.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.users.EmailAddress;
import dev.streamcart.serving.users.PasswordHasher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the operator can sign in: the admin account of {@code auth.admin.email} exists, has
 * the admin role, and has the password of {@code auth.admin.password}. Run at start, so changing
 * the configured password and restarting changes the admin's password.
 *
 * <p>It never promotes an account it did not create: when the address belongs to an account that
 * is not an admin (someone registered it first), the start is refused with a message saying what to
 * do. Promoting it would hand the platform to whoever registered the address, with the sessions
 * they already hold.
 */
public final class AdminAccount {

    private static final Logger LOG = LoggerFactory.getLogger(AdminAccount.class);

    private record Existing(long id, String passwordHash, String role) {}

    private AdminAccount() {
    }

    private static String refusal(EmailAddress email, @Nullable Existing existing) {
        return "auth.admin.email " + email.value() + " belongs to an existing "
                + (existing == null ? "" : existing.role() + " account (user " + existing.id() + ") ")
                + "that is not an admin; refusing to promote it, since whoever registered the address would become "
                + "admin. Set auth.admin.email (AUTH_ADMIN_EMAIL) to an address without an account, or, once you know "
                + "who owns that account, make it admin yourself (UPDATE users SET role = 'admin' WHERE email = '"
                + email.value() + "') and revoke its sessions (DELETE FROM auth_tokens WHERE user_id = <its id>)";
    }

    public static long ensure(Transactions transactions, PasswordHasher hasher, EmailAddress email, char[] password) {
        Objects.requireNonNull(email, "email");
        String weakness = PasswordHasher.weakness(new String(password));
        if (weakness != null) {
            throw new IllegalArgumentException("auth.admin.password " + weakness);
        }
        Existing existing = transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, password_hash, role FROM users WHERE email = ?")) {
                select.setString(1, email.value());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? new Existing(row.getLong(1), row.getString(2), row.getString(3)) : null;
                }
            }
        });
        if (existing != null && !Role.ADMIN.databaseValue().equals(existing.role())) {
            throw new IllegalStateException(refusal(email, existing));
        }
        String existingHash = existing == null ? null : existing.passwordHash();
        // BCrypt is slow on purpose: only hash again when the configured password changed
        String hash = existingHash != null && hasher.matches(password, existingHash) ? existingHash : hasher.hash(password);
        long id = transactions.inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO users (email, password_hash, first_name, last_name, role, is_email_verified)
                    VALUES (?, ?, 'Platform', 'Admin', 'admin', TRUE)
                    ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, is_active = TRUE,
                        updated_at = now()
                    WHERE users.role = 'admin'
                    RETURNING id""")) {
                upsert.setString(1, email.value());
                upsert.setString(2, hash);
                try (ResultSet row = upsert.executeQuery()) {
                    if (!row.next()) {
                        // registered between the check and the upsert: the same refusal
                        throw new IllegalStateException(refusal(email, null));
                    }
                    return row.getLong(1);
                }
            }
        });
        LOG.info("admin account {} is ready (user {})", email.value(), id);
        return id;
    }
}
