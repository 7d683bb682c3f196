package dev.streamcart.serving.users;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;

import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.problems.DomainException;

/** Creates customer accounts; one account per e-mail address. */
public final class UserRegistration {

    /** A sign-up. {@link #toString()} leaves the password out so it can never reach a log. */
    public record NewUser(EmailAddress email, char[] password, String firstName, String lastName) {
        public NewUser {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(lastName, "lastName");
            String weakness = PasswordHasher.weakness(new String(password));
            if (weakness != null) {
                throw DomainException.invalidInput("'password' " + weakness);
            }
        }

        @Override
        public String toString() {
            return "NewUser[email=" + email + ", firstName=" + firstName + ", lastName=" + lastName + "]";
        }
    }

    private final Transactions transactions;
    private final PasswordHasher hasher;

    public UserRegistration(Transactions transactions, PasswordHasher hasher) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    public long register(NewUser user) {
        // hash before the transaction: BCrypt is slow on purpose and must not hold a connection
        String passwordHash = hasher.hash(user.password());
        return transactions.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO users (email, password_hash, first_name, last_name) VALUES (?, ?, ?, ?)
                    ON CONFLICT (email) DO NOTHING RETURNING id""")) {
                insert.setString(1, user.email().value());
                insert.setString(2, passwordHash);
                insert.setString(3, user.firstName());
                insert.setString(4, user.lastName());
                try (ResultSet row = insert.executeQuery()) {
                    if (!row.next()) {
                        throw DomainException.conflict("an account with e-mail " + user.email() + " already exists");
                    }
                    return row.getLong(1);
                }
            }
        });
    }
}
