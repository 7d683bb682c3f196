package dev.streamcart.loadgen.api;

import java.time.Duration;
import java.util.Objects;

import dev.streamcart.apiclient.ApiUnreachableException;
import dev.streamcart.apiclient.StorefrontApiClient;
import dev.streamcart.loadgen.pacing.Sleeper;
import dev.streamcart.loadgen.pacing.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the API before any traffic: GET /health until it answers 200. If it keeps answering
 * 503 (a dashboard dependency still starting, say), traffic starts anyway after the timeout; if
 * it never answers at all, that is fatal.
 */
public final class ApiReadiness {

    private static final Logger LOG = LoggerFactory.getLogger(ApiReadiness.class);
    private static final long POLL_NANOS = Duration.ofMillis(500).toNanos();

    private ApiReadiness() {}

    public static void await(StorefrontApiClient api, Duration timeout, Ticker ticker, Sleeper sleeper) {
        Objects.requireNonNull(api, "api");
        long deadline = ticker.nanoTime() + timeout.toNanos();
        int lastStatus = 0;
        ApiUnreachableException lastFailure = null;
        while (true) {
            try {
                lastStatus = api.healthStatus();
                if (lastStatus == 200) {
                    return;
                }
            } catch (ApiUnreachableException e) {
                lastFailure = e;
            }
            if (ticker.nanoTime() - deadline >= 0 || !sleeper.sleepNanos(POLL_NANOS)) {
                break;
            }
        }
        if (lastStatus != 0) {
            LOG.warn("{}/health still answers {} after {} s; starting traffic anyway", api.baseUrl(), lastStatus,
                    timeout.toSeconds());
            return;
        }
        throw new ApiUnreachableException("the API at " + api.baseUrl() + " did not answer within "
                + timeout.toSeconds() + " s", lastFailure);
    }
}
