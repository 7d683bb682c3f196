package dev.streamcart.serving.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;

/**
 * Slows down password guessing: at most {@code maxFailuresPerAccount} failed logins per e-mail
 * address within {@code accountWindow}, and {@code maxAttemptsPerClient} attempts per client
 * address within {@code clientWindow}, both sliding.
 * Counting failures per account stops a slow distributed attack on one account; counting every
 * attempt per client stops one client trying many accounts. State is per instance, in memory.
 */
public final class LoginThrottle {

    private final int maxFailuresPerAccount;
    private final int maxAttemptsPerClient;
    private final Duration accountWindow;
    private final Duration clientWindow;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failuresByAccount = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> attemptsByClient = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailuresPerAccount, Duration accountWindow, int maxAttemptsPerClient,
                         Duration clientWindow, Clock clock) {
        this.maxFailuresPerAccount = maxFailuresPerAccount;
        this.maxAttemptsPerClient = maxAttemptsPerClient;
        this.accountWindow = Objects.requireNonNull(accountWindow, "accountWindow");
        this.clientWindow = Objects.requireNonNull(clientWindow, "clientWindow");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Counts an attempt from {@code client} at {@code account}; 429 when either limit is reached. */
    public void beforeAttempt(String account, String client) {
        Instant now = clock.instant();
        Deque<Instant> failures = failuresByAccount.computeIfAbsent(account, key -> new ArrayDeque<>());
        synchronized (failures) {
            prune(failures, now, accountWindow);
            if (failures.size() >= maxFailuresPerAccount) {
                throw tooMany("too many failed logins for this account", failures.peekFirst().plus(accountWindow), now);
            }
        }
        Deque<Instant> attempts = attemptsByClient.computeIfAbsent(client, key -> new ArrayDeque<>());
        synchronized (attempts) {
            prune(attempts, now, clientWindow);
            if (attempts.size() >= maxAttemptsPerClient) {
                throw tooMany("too many login attempts from this client", attempts.peekFirst().plus(clientWindow), now);
            }
            attempts.addLast(now);
        }
    }

    public void failed(String account) {
        Deque<Instant> failures = failuresByAccount.computeIfAbsent(account, key -> new ArrayDeque<>());
        synchronized (failures) {
            failures.addLast(clock.instant());
        }
    }

    public void succeeded(String account) {
        failuresByAccount.remove(account);
    }

    private static void prune(Deque<Instant> times, Instant now, Duration window) {
        Instant oldest = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
            times.removeFirst();
        }
    }

    private static DomainException tooMany(String detail, Instant retryAt, Instant now) {
        long seconds = Math.max(1, Duration.between(now, retryAt).toSeconds() + 1);
        return new DomainException(ProblemKind.TOO_MANY_REQUESTS, detail + "; retry in " + seconds + " s",
                Map.of("retryAfterSeconds", seconds));
    }
}
