package dev.streamcart.localstack.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Choices for one run of the platform.
 *
 * @param apiPort port of serving-api; 0 picks a free one
 * @param traffic whether to start the storefront simulator
 * @param trafficArguments extra arguments for the simulator
 * @param superviseRestarts whether a service that dies is started again
 * @param readyTimeout how long one service may take to report ready
 * @param extraSettings settings given to every service on top of the endpoints (e.g. a short
 *                      {@code orders.payment-timeout} for a test); empty by default
 * @param topology how many of each part to start: one each by default, or a cluster
 */
public record PlatformOptions(int apiPort, boolean traffic, List<String> trafficArguments, boolean superviseRestarts,
        Duration readyTimeout, Map<String, String> extraSettings, Topology topology) {

    public PlatformOptions {
        if (apiPort < 0 || apiPort > 65535) {
            throw new IllegalArgumentException("apiPort must be 0..65535, was " + apiPort);
        }
        trafficArguments = List.copyOf(trafficArguments);
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        extraSettings = Map.copyOf(extraSettings);
        Objects.requireNonNull(topology, "topology");
    }

    public static PlatformOptions defaults() {
        return new PlatformOptions(8080, true, List.of(), true, Duration.ofMinutes(3), Map.of(), Topology.single());
    }

    public PlatformOptions withApiPort(int port) {
        return new PlatformOptions(port, traffic, trafficArguments, superviseRestarts, readyTimeout, extraSettings, topology);
    }

    public PlatformOptions withTraffic(boolean enabled, List<String> arguments) {
        return new PlatformOptions(apiPort, enabled, arguments, superviseRestarts, readyTimeout, extraSettings, topology);
    }

    public PlatformOptions withTopology(Topology newTopology) {
        return new PlatformOptions(apiPort, traffic, trafficArguments, superviseRestarts, readyTimeout, extraSettings,
                newTopology);
    }

    public PlatformOptions withExtraSettings(Map<String, String> settings) {
        return new PlatformOptions(apiPort, traffic, trafficArguments, superviseRestarts, readyTimeout, settings, topology);
    }
}
