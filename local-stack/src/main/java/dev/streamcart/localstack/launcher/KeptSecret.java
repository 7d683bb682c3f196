package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A random secret of a local platform, kept in a file of its data folder that only the owner can
 * read, so that restarts (and commands against the running platform) use the same one.
 */
record KeptSecret(String value, boolean generated) {

    /** 144 random bits, 24 URL-safe characters: nothing to quote in a shell, a URL or SQL. */
    private static final int RANDOM_BYTES = 18;

    KeptSecret {
        Objects.requireNonNull(value, "value");
    }

    /** The secret kept in {@code file}, else a new one written there first. */
    static KeptSecret readOrGenerate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return new KeptSecret(Files.readString(file, StandardCharsets.UTF_8).trim(), false);
            }
            byte[] secret = new byte[RANDOM_BYTES];
            new SecureRandom().nextBytes(secret);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), generated + "\n", StandardCharsets.UTF_8);
            return new KeptSecret(generated, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a secret in " + file, e);
        }
    }

    @Override
    public String toString() {
        return "KeptSecret[generated=" + generated + "]";
    }
}
