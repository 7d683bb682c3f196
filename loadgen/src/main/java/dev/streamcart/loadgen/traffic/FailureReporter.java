package dev.streamcart.loadgen.traffic;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import dev.streamcart.apiclient.ApiProblemException;
import dev.streamcart.apiclient.ApiUnreachableException;
import dev.streamcart.loadgen.stats.TrafficStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every failed call and logs the first few in full (status and problem+json body), so a
 * broken endpoint is diagnosable without flooding the output. Digit runs that could be card
 * numbers are masked before anything is logged.
 */
final class FailureReporter {

    private static final Logger LOG = LoggerFactory.getLogger(FailureReporter.class);
    private static final Pattern CARD_LIKE = Pattern.compile("\\d{12,19}");
    private static final int MAX_BODY_CHARS = 600;

    private final TrafficStats stats;
    private final int logLimit;
    private final AtomicInteger logged = new AtomicInteger();

    FailureReporter(TrafficStats stats, int logLimit) {
        this.stats = stats;
        this.logLimit = logLimit;
    }

    void unexpectedResponse(ApiProblemException e) {
        stats.unexpectedStatus(e.status());
        if (shouldLog()) {
            LOG.warn("unexpected answer: {} {} -> {} {}", e.method(), e.path(), e.status(), printable(e.body()));
        }
    }

    void unreachable(ApiUnreachableException e) {
        stats.ioError();
        if (shouldLog()) {
            LOG.warn("no answer: {}", e.getMessage());
        }
    }

    /** A retry with the same Idempotency-Key got a different result than the first request. */
    void replayMismatch(String what, Object first, Object replay) {
        stats.replayed(false);
        if (shouldLog()) {
            LOG.warn("idempotency broken on {}: first {} then {}", what, first, replay);
        }
    }

    /** A 2xx answer whose content makes no sense (for example a payment answered with an unknown status). */
    void unexpectedOutcome(String what) {
        stats.unexpectedStatus(200);
        if (shouldLog()) {
            LOG.warn("unexpected outcome: {}", printable(what));
        }
    }

    private boolean shouldLog() {
        int count = logged.incrementAndGet();
        if (count == logLimit + 1) {
            LOG.warn("more unexpected answers follow; only counting them from now on");
        }
        return count <= logLimit;
    }

    static String printable(String body) {
        String masked = CARD_LIKE.matcher(body).replaceAll("<digits>");
        return masked.length() <= MAX_BODY_CHARS ? masked : masked.substring(0, MAX_BODY_CHARS) + "...";
    }
}
