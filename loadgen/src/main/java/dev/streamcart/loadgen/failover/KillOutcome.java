package dev.streamcart.loadgen.failover;

import java.time.Duration;
import java.util.Locale;

/**
 * One SIGKILL and what followed it.
 *
 * @param victim the process killed
 * @param restarted from the kill until its new run was ready (for a TaskManager: until the job ran all
 *     of its tasks again)
 * @param recovered from the kill until the probe's last error answer (zero when it saw none)
 * @param seen what the probe saw from the kill until it had been served without error for a while
 */
public record KillOutcome(String victim, Duration restarted, Duration recovered, FailoverProbe.Window seen) {

    /** The report's line, with the first kinds of retriable answers and every failure below it. */
    public String line() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s ready again after %5.1f s, last client"
                + " error after %5.1f s: %4d answers, %3d retriable, errors for %4.1f s (longest %4.1f s), %d failed", victim,
                seconds(restarted), seconds(recovered), seen.answers(), seen.retriable(), seconds(seen.errorTime()),
                seconds(seen.longestBurst()), seen.failed()));
        seen.retriableKinds().forEach(kind -> line.append("\n      retriable: ").append(kind));
        seen.failures().forEach(failure -> line.append("\n      FAILED: ").append(failure));
        return line.toString();
    }

    /** Whether clients saw only retriable errors, for at most {@code maxErrorTime} in all. */
    public boolean withinBudget(Duration maxErrorTime) {
        return seen.failed() == 0 && seen.errorTime().compareTo(maxErrorTime) <= 0 && seen.answers() > 0;
    }

    public static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
