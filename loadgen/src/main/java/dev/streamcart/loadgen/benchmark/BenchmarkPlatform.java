package dev.streamcart.loadgen.benchmark;

import java.util.List;
import java.util.Map;

import dev.streamcart.localstack.launcher.PlatformOptions;
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
}
