package dev.streamcart.localstack.launcher;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One process of a service: the service's spec under this instance's name, the settings only this
 * instance gets (its ports, its state folder), and what {@code ./platform status} shows of it.
 *
 * @param role the service it is an instance of, e.g. {@code inventory-streams}
 * @param address where it answers, or "-" when it answers nothing
 * @param metricsUrl where it serves {@code GET /metrics} (Prometheus text), or null when it serves none
 */
record ServiceInstance(ServiceSpec spec, String role, Map<String, String> settings, String address,
                       @Nullable String metricsUrl) {

    ServiceInstance {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(role, "role");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(address, "address");
    }

    /** Without metrics of its own. */
    ServiceInstance(ServiceSpec spec, String role, Map<String, String> settings, String address) {
        this(spec, role, settings, address, null);
    }

    static ServiceInstance of(ServiceSpec spec) {
        return new ServiceInstance(spec, spec.name(), Map.of(), "-");
    }

    String name() {
        return spec.name();
    }
}
