package dev.streamcart.serving.auth;

import java.time.Duration;
import java.util.Objects;

import dev.streamcart.schemas.config.Settings;
import dev.streamcart.serving.users.EmailAddress;
import org.jspecify.annotations.Nullable;

/**
 * How accounts are secured. Without {@code auth.admin.password} no admin account is created (the
 * launcher always sets one: {@code PLATFORM_ADMIN_PASSWORD}, or a generated password it prints).
 */
public record AuthSettings(EmailAddress adminEmail, @Nullable String adminPassword, Duration tokenTimeToLive) {

    public static final String ADMIN_EMAIL = "auth.admin.email";
    public static final String ADMIN_PASSWORD = "auth.admin.password";
    public static final String TOKEN_TTL = "auth.token-ttl";
    public static final String DEFAULT_ADMIN_EMAIL = "admin@streamcart.local";

    public AuthSettings {
        Objects.requireNonNull(adminEmail, "adminEmail");
        Objects.requireNonNull(tokenTimeToLive, "tokenTimeToLive");
    }

    /** Defaults: 12 h tokens. The sign-in limits are {@code api.limits.login.*} ({@code LoginLimits}). */
    public static AuthSettings defaults(@Nullable String adminPassword) {
        return new AuthSettings(new EmailAddress(DEFAULT_ADMIN_EMAIL), adminPassword, Duration.ofHours(12));
    }

    public static AuthSettings from(Settings settings) {
        AuthSettings defaults = defaults(settings.find(ADMIN_PASSWORD));
        return new AuthSettings(
                new EmailAddress(settings.get(ADMIN_EMAIL, DEFAULT_ADMIN_EMAIL)),
                defaults.adminPassword(),
                Duration.parse(settings.get(TOKEN_TTL, defaults.tokenTimeToLive().toString())));
    }

    @Override
    public String toString() {
        return "AuthSettings[adminEmail=" + adminEmail + ", adminPassword=" + (adminPassword == null ? "unset" : "***")
                + ", tokenTimeToLive=" + tokenTimeToLive + "]";
    }
}
