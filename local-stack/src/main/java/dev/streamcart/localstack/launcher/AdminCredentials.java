package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The operator account of a local platform. Its password comes from {@code PLATFORM_ADMIN_PASSWORD};
 * without it, one is generated on the first start and kept, readable by the owner only, in the
 * data folder, so restarts and {@code ./platform train} sign in with the same one. A start with
 * {@code PLATFORM_ADMIN_PASSWORD} deletes a kept one: it no longer opens anything, and the operator's
 * own password is never written down, so commands against that platform need the variable too.
 */
public record AdminCredentials(String email, String password, Source source) {

    public static final String EMAIL = "admin@streamcart.local";
    public static final String ENVIRONMENT_VARIABLE = "PLATFORM_ADMIN_PASSWORD";
    static final String FILE_NAME = "admin-password";

    /** Where the password came from, for the banner. */
    public enum Source { ENVIRONMENT, SAVED, GENERATED }

    public AdminCredentials {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(source, "source");
    }

    public static AdminCredentials resolve(Path dataDirectory, @Nullable String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            if (fromEnvironment.length() < 8) {
                throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " must have at least 8 characters");
            }
            deleteSaved(dataDirectory);
            return new AdminCredentials(EMAIL, fromEnvironment, Source.ENVIRONMENT);
        }
        KeptSecret kept = KeptSecret.readOrGenerate(dataDirectory.resolve(FILE_NAME));
        return new AdminCredentials(EMAIL, kept.value(), kept.generated() ? Source.GENERATED : Source.SAVED);
    }

    /**
     * The credentials a command against the running platform signs in with: the environment's, else
     * the kept ones. Without either, the platform was started with {@code PLATFORM_ADMIN_PASSWORD} and
     * the command must be given it too.
     */
    public static AdminCredentials forRunningPlatform(Path dataDirectory, @Nullable String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new AdminCredentials(EMAIL, fromEnvironment, Source.ENVIRONMENT);
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new AdminSignInRefused("the running platform was started with " + ENVIRONMENT_VARIABLE
                    + ": run this command with the same " + ENVIRONMENT_VARIABLE + " set");
        }
        try {
            return new AdminCredentials(EMAIL, Files.readString(file, StandardCharsets.UTF_8).trim(), Source.SAVED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin password in " + file, e);
        }
    }

    private static void deleteSaved(Path dataDirectory) {
        try {
            Files.deleteIfExists(dataDirectory.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the outdated admin password in " + dataDirectory, e);
        }
    }

    /**
     * How services receive it: environment variables, never command-line arguments, which every
     * user of the machine can read with {@code ps}.
     */
    public Map<String, String> environment() {
        return Map.of("AUTH_ADMIN_EMAIL", email, "AUTH_ADMIN_PASSWORD", password);
    }

    @Override
    public String toString() {
        return "AdminCredentials[email=" + email + ", source=" + source + "]";
    }
}
