package dev.streamcart.loadgen.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.serving.payments.PaymentSettings;

/**
 * How the write-path benchmarks start the platform: as {@code ./platform up} does, on a free API
 * port, without simulated traffic, and with the simulated payment provider answering at a chosen
 * latency. The provider's latency is not the platform's cost: at its default of 100 ms a call, a
 * payment (authorise and capture) waits 200 ms, so 16 closed-loop clients can never pass
 * 16 / 0.2 s = 80 orders/s (Little's law), whatever the platform does.
 */
public final class BenchmarkPlatform {

    /** The latency the benchmarks use unless told otherwise: none, so they measure the platform. */
    public static final long DEFAULT_GATEWAY_LATENCY_MILLIS = 0;

    private BenchmarkPlatform() {}

    public static PlatformOptions options(long gatewayLatencyMillis) {
        return PlatformOptions.defaults().withApiPort(0).withTraffic(false, List.of())
                .withExtraSettings(Map.of(PaymentSettings.LATENCY_MS, Long.toString(gatewayLatencyMillis)));
    }

    /**
     * Empties {@code folder} and starts the platform of the checkout at {@code root} on it, printing
     * the launcher's progress: a benchmark always measures a platform that starts from nothing.
     */
    public static Platform start(Path root, Path folder, PlatformOptions options) throws IOException {
        Folders.emptied(folder);
        return Platform.start(new PlatformLayout(root, folder), options, message -> System.out.println("[platform] " + message));
    }

    /** {@code api} signed in as the launcher's operator account (the one it was given or generated), as the e2e tests sign in. */
    public static ApiClient admin(ApiClient api, Platform platform) {
        return api.login(platform.adminCredentials().email(), platform.adminCredentials().password());
    }
}
