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
public record AuthSettings(EmailAddress adminEmail, @Nullable String adminPassword, Duration tokenTimeToLive,
                           int maxFailuresPerAccount, Duration accountWindow,
                           int maxAttemptsPerClient, Duration clientWindow) {

    public static final String ADMIN_EMAIL = "auth.admin.email";
    public static final String ADMIN_PASSWORD = "auth.admin.password";
    public static final String TOKEN_TTL = "auth.token-ttl";
    public static final String MAX_FAILURES_PER_ACCOUNT = "auth.login.max-failures-per-account";
    public static final String ACCOUNT_WINDOW = "auth.login.account-window";
    public static final String MAX_ATTEMPTS_PER_CLIENT = "auth.login.max-attempts-per-client";
    public static final String CLIENT_WINDOW = "auth.login.client-window";
    public static final String DEFAULT_ADMIN_EMAIL = "admin@streamcart.local";

    public AuthSettings {
        Objects.requireNonNull(adminEmail, "adminEmail");
        Objects.requireNonNull(tokenTimeToLive, "tokenTimeToLive");
        Objects.requireNonNull(accountWindow, "accountWindow");
        Objects.requireNonNull(clientWindow, "clientWindow");
        if (maxFailuresPerAccount < 1 || maxAttemptsPerClient < 1) {
            throw new IllegalArgumentException("login limits must be at least 1");
        }
    }

    /** Defaults: 12 h tokens; 5 failed logins per account per 15 min; 600 attempts per client per minute. */
    public static AuthSettings defaults(@Nullable String adminPassword) {
        return new AuthSettings(new EmailAddress(DEFAULT_ADMIN_EMAIL), adminPassword, Duration.ofHours(12),
                5, Duration.ofMinutes(15), 600, Duration.ofMinutes(1));
    }

    public static AuthSettings from(Settings settings) {
        AuthSettings defaults = defaults(settings.find(ADMIN_PASSWORD));
        return new AuthSettings(
                new EmailAddress(settings.get(ADMIN_EMAIL, DEFAULT_ADMIN_EMAIL)),
                defaults.adminPassword(),
                Duration.parse(settings.get(TOKEN_TTL, defaults.tokenTimeToLive().toString())),
                settings.getInt(MAX_FAILURES_PER_ACCOUNT, defaults.maxFailuresPerAccount()),
                Duration.parse(settings.get(ACCOUNT_WINDOW, defaults.accountWindow().toString())),
                settings.getInt(MAX_ATTEMPTS_PER_CLIENT, defaults.maxAttemptsPerClient()),
                Duration.parse(settings.get(CLIENT_WINDOW, defaults.clientWindow().toString())));
    }

    @Override
    public String toString() {
        return "AuthSettings[adminEmail=" + adminEmail + ", adminPassword=" + (adminPassword == null ? "unset" : "***")
                + ", tokenTimeToLive=" + tokenTimeToLive + "]";
    }
}
