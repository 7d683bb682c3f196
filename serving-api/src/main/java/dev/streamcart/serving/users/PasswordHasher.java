package dev.streamcart.serving.users;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** BCrypt password hashes; the plain password is never stored, returned or logged. */
public final class PasswordHasher {

    private static final int MIN_LENGTH = 8;
    /** BCrypt only reads the first 72 bytes; longer passwords would silently collide. */
    private static final int MAX_BYTES = 72;

    private final int logRounds;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(int logRounds) {
        if (logRounds < 4 || logRounds > 31) {
            throw new IllegalArgumentException("logRounds must be within 4..31, was " + logRounds);
        }
        this.logRounds = logRounds;
    }

    public String hash(char[] password) {
        return BCrypt.hashpw(new String(password), BCrypt.gensalt(logRounds, random));
    }

    /** True when {@code password} is the one {@code hash} was made from. */
    public boolean matches(char[] password, String hash) {
        try {
            return BCrypt.checkpw(new String(password), hash);
        } catch (IllegalArgumentException e) {
            return false; // not a BCrypt hash: no password matches it
        }
    }

    /** Why the password is unacceptable, or null when it is fine. */
    public static @Nullable String weakness(String password) {
        if (password.length() < MIN_LENGTH) {
            return "must have at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "must be at most " + MAX_BYTES + " bytes long";
        }
        return null;
    }
}
