package dev.streamcart.serving.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * How password guessing is slowed down. Every key (an account from one client, an account from
 * any client, a client on any account) has a number of free failures; each failure beyond them
 * doubles the wait before that key's next attempt, from {@code firstDelay} up to {@code maxDelay}.
 * The wait is bounded, so there is no lockout. Failures are forgotten {@code forgetAfter} after the
 * key's last one.
 *
 * @param freeFailuresPerAccountAndClient failures of one client on one account before it waits
 * @param freeFailuresPerAccount failures on one account, from every client together, before a client that
 *     itself failed on it waits (a client that never failed on the account is never held back by others'
 *     failures: that is what keeps anyone from locking the owner out)
 * @param freeFailuresPerClient failures of one client over every account before it waits
 */
public record LoginLimits(int freeFailuresPerAccountAndClient, int freeFailuresPerAccount, int freeFailuresPerClient,
                          Duration firstDelay, Duration maxDelay, Duration forgetAfter) {

    public static final String PREFIX = "api.limits.login.";

    public LoginLimits {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        if (freeFailuresPerAccountAndClient < 1 || freeFailuresPerAccount < 1 || freeFailuresPerClient < 1) {
            throw new IllegalArgumentException(PREFIX + "free-failures-* must be at least 1");
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException(PREFIX + "first-delay must be positive and at most max-delay");
        }
        if (forgetAfter.compareTo(maxDelay) < 0) {
            throw new IllegalArgumentException(PREFIX + "forget-after must be at least max-delay");
        }
    }

    /** 5 per account and client, 20 per account, 20 per client; then 1 s, doubling, at most 60 s; forgotten after 15 min. */
    public static LoginLimits defaults() {
        return new LoginLimits(5, 20, 20, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15));
    }

    /**
     * The wait before the next attempt of a key that failed {@code failures} times with {@code free} free
     * failures: none within the allowance, then {@code firstDelay} doubled per failure beyond it, capped.
     */
    public Duration delayAfter(int failures, int free) {
        int beyond = failures - free + 1;
        if (beyond <= 0) {
            return Duration.ZERO;
        }
        if (beyond > 30) {
            return maxDelay;
        }
        Duration delay = firstDelay.multipliedBy(1L << (beyond - 1));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
