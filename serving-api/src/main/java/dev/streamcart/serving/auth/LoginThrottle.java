package dev.streamcart.serving.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.streamcart.serving.limits.LoginLimits;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.jspecify.annotations.Nullable;

/**
 * Slows down password guessing with a progressive delay (see {@link LoginLimits}) on three keys: an
 * account from one client, an account from every client, and a client over every account.
 *
 * <p>Every attempt is counted as a failure when it is let in, before the password is hashed, and
 * given back when it succeeds; so parallel guesses see each other and cannot all pass a check
 * made before any of them failed.
 *
 * <p>Nobody can lock an account's owner out: the delay is bounded, it runs from the waiting
 * client's own last failure (others cannot keep taking its turn), and the account's failures from
 * every client only slow clients that themselves failed on it. A client that has not failed on
 * the account signs in at once (unless it is itself over its own client-wide allowance). The
 * price: many addresses get one guess each on an account at full speed, then slow down together.
 *
 * <p>In memory, per instance, bounded: keys are forgotten {@code forgetAfter} after their last
 * failure, and at most {@link #MAX_KEYS} of each kind are kept.
 */
public final class LoginThrottle {

    static final int MAX_KEYS = 100_000;

    /** Failures of one key and when the last one was counted. */
    private record Failures(int count, Instant last) {
        Failures plusOne(Instant now) {
            return new Failures(count + 1, now);
        }
    }

    /** An attempt that was let in: hand it back to {@link #succeeded} when the password was right. */
    public record Attempt(String account, String client) {}

    private final LoginLimits limits;
    private final Clock clock;
    private final Cache<String, Failures> byAccountAndClient;
    private final Cache<String, Failures> byAccount;
    private final Cache<String, Failures> byClient;
    private final Object lock = new Object();

    public LoginThrottle(LoginLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.byAccountAndClient = cache(limits.forgetAfter());
        this.byAccount = cache(limits.forgetAfter());
        this.byClient = cache(limits.forgetAfter());
    }

    private static Cache<String, Failures> cache(Duration forgetAfter) {
        return Caffeine.newBuilder().expireAfterWrite(forgetAfter).maximumSize(MAX_KEYS).build();
    }

    /**
     * Lets an attempt of {@code client} at {@code account} in and counts it as failed until
     * {@link #succeeded}; 429 with {@code Retry-After} while one of its keys must still wait.
     */
    public Attempt beforeAttempt(String account, String client) {
        String pairKey = client + " " + account;
        // one lock over the three keys: each decision is a few map reads, far cheaper than the hash it guards
        synchronized (lock) {
            Instant now = clock.instant();
            Failures pair = byAccountAndClient.getIfPresent(pairKey);
            Failures onAccount = byAccount.getIfPresent(account);
            Failures fromClient = byClient.getIfPresent(client);
            Instant open = now;
            if (pair != null) {
                Duration delay = longer(limits.delayAfter(pair.count(), limits.freeFailuresPerAccountAndClient()),
                        onAccount == null ? Duration.ZERO
                                : limits.delayAfter(onAccount.count(), limits.freeFailuresPerAccount()));
                open = later(open, pair.last().plus(delay));
            }
            if (fromClient != null) {
                open = later(open, fromClient.last().plus(limits.delayAfter(fromClient.count(),
                        limits.freeFailuresPerClient())));
            }
            if (open.isAfter(now)) {
                long seconds = Math.max(1, (Duration.between(now, open).toMillis() + 999) / 1000);
                throw new DomainException(ProblemKind.TOO_MANY_REQUESTS, "too many failed sign-ins from this client; "
                        + "retry in " + seconds + " s", Map.of("retryAfterSeconds", seconds));
            }
            byAccountAndClient.put(pairKey, plusOne(pair, now));
            byAccount.put(account, plusOne(onAccount, now));
            byClient.put(client, plusOne(fromClient, now));
            return new Attempt(account, client);
        }
    }

    /** The password was right: the attempt was not a failure, and this client's record on the account is cleared. */
    public void succeeded(Attempt attempt) {
        synchronized (lock) {
            byAccountAndClient.invalidate(attempt.client() + " " + attempt.account());
            giveBack(byAccount, attempt.account());
            giveBack(byClient, attempt.client());
        }
    }

    private static Failures plusOne(@Nullable Failures failures, Instant now) {
        return failures == null ? new Failures(1, now) : failures.plusOne(now);
    }

    private static void giveBack(Cache<String, Failures> cache, String key) {
        Failures failures = cache.getIfPresent(key);
        if (failures != null) {
            if (failures.count() <= 1) {
                cache.invalidate(key);
            } else {
                cache.put(key, new Failures(failures.count() - 1, failures.last()));
            }
        }
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
