package dev.streamcart.serving.limits;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.config.Settings;

/**
 * Every abuse limit of the API, read from {@code api.limits.*} (durations in ISO-8601, like PT1M).
 * The defaults let the traffic simulator of {@code ./platform up} through untouched: all its
 * requests come from 127.0.0.1, its shoppers sign in once each with the right password (only
 * failures count), the operator creates its accounts (not counted), and a shopper holds at most a
 * few small unpaid orders at a time.
 *
 * @param trustedProxies addresses whose {@code X-Forwarded-For} names the client (a load balancer in front)
 */
public record ApiLimits(List<String> trustedProxies, LoginLimits login, RegistrationLimits registration,
                        StreamLimits streams, OrderLimits orders) {

    public static final String TRUSTED_PROXIES = "api.limits.trusted-proxies";

    public ApiLimits {
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(orders, "orders");
    }

    public static ApiLimits defaults() {
        return new ApiLimits(List.of("127.0.0.1"), LoginLimits.defaults(), RegistrationLimits.defaults(),
                StreamLimits.defaults(), OrderLimits.defaults());
    }

    public static ApiLimits from(Settings settings) {
        ApiLimits defaults = defaults();
        LoginLimits login = defaults.login();
        RegistrationLimits registration = defaults.registration();
        StreamLimits streams = defaults.streams();
        OrderLimits orders = defaults.orders();
        String proxies = settings.get(TRUSTED_PROXIES, String.join(",", defaults.trustedProxies()));
        return new ApiLimits(
                Arrays.stream(proxies.split(",")).map(String::trim).filter(proxy -> !proxy.isEmpty()).toList(),
                new LoginLimits(
                        settings.getInt(LoginLimits.PREFIX + "free-failures-per-account-and-client",
                                login.freeFailuresPerAccountAndClient()),
                        settings.getInt(LoginLimits.PREFIX + "free-failures-per-account", login.freeFailuresPerAccount()),
                        settings.getInt(LoginLimits.PREFIX + "free-failures-per-client", login.freeFailuresPerClient()),
                        duration(settings, LoginLimits.PREFIX + "first-delay", login.firstDelay()),
                        duration(settings, LoginLimits.PREFIX + "max-delay", login.maxDelay()),
                        duration(settings, LoginLimits.PREFIX + "forget-after", login.forgetAfter())),
                new RegistrationLimits(
                        settings.getInt(RegistrationLimits.PREFIX + "max-per-client", registration.maxPerClient()),
                        duration(settings, RegistrationLimits.PREFIX + "window", registration.window())),
                new StreamLimits(
                        settings.getInt(StreamLimits.PREFIX + "max-per-user", streams.maxPerUser()),
                        settings.getInt(StreamLimits.PREFIX + "max-total", streams.maxTotal()),
                        settings.getInt(StreamLimits.MAX_BUCKETS, streams.maxAnalyticsBuckets())),
                new OrderLimits(
                        settings.getInt(OrderLimits.PREFIX + "max-unpaid-orders", orders.maxUnpaidOrders()),
                        settings.getInt(OrderLimits.PREFIX + "max-unpaid-units", orders.maxUnpaidUnits())));
    }

    public ApiLimits withLogin(LoginLimits limits) {
        return new ApiLimits(trustedProxies, limits, registration, streams, orders);
    }

    public ApiLimits withRegistration(RegistrationLimits limits) {
        return new ApiLimits(trustedProxies, login, limits, streams, orders);
    }

    public ApiLimits withStreams(StreamLimits limits) {
        return new ApiLimits(trustedProxies, login, registration, limits, orders);
    }

    public ApiLimits withOrders(OrderLimits limits) {
        return new ApiLimits(trustedProxies, login, registration, streams, limits);
    }

    private static Duration duration(Settings settings, String key, Duration fallback) {
        String raw = settings.find(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration like PT1M, was '" + raw + "'", e);
        }
    }
}
