package dev.streamcart.localstack.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.metrics.MetricsSettings;
import dev.streamcart.schemas.streams.StreamsScaling;

/**
 * The service instances a topology runs, with the settings that tell them apart. Every instance runs
 * the same jar; what differs is configuration only: the ports it listens on and, for a Streams app
 * with more than one instance, a state folder of its own. The settings they share name all instances
 * of each Streams app, so serving-api can ask any of them for a key.
 */
final class ServicePlan {

    private final List<ServiceInstance> capture;
    private final List<ServiceInstance> inventory;
    private final List<ServiceInstance> orders;
    private final List<ServiceInstance> apis;
    private final ServiceInstance analytics;
    private final Map<String, String> sharedSettings;

    private ServicePlan(List<ServiceInstance> capture, List<ServiceInstance> inventory, List<ServiceInstance> orders,
            List<ServiceInstance> apis, ServiceInstance analytics, Map<String, String> sharedSettings) {
        this.capture = capture;
        this.inventory = inventory;
        this.orders = orders;
        this.apis = apis;
        this.analytics = analytics;
        this.sharedSettings = sharedSettings;
    }

    /**
     * @param apiPort the API's public port: the single instance's own, or the load balancer's in front
     *                of several, whose instances then take ports of their own
     */
    static ServicePlan of(Topology topology, PortAssignments ports, PlatformLayout layout, int apiPort,
            short replicationFactor) {
        // serving-api, ingest-cdc and the local Flink job serve /metrics on a port of their own (127.0.0.1);
        // the Streams apps on their query port
        List<Integer> captureMetrics = metricsPorts(ports, "ingest-cdc-metrics", topology.captureInstances());
        List<ServiceInstance> capture = instances(ServiceSpec.INGEST_CDC, topology.captureInstances(),
                i -> Map.of(MetricsSettings.PORT, Integer.toString(captureMetrics.get(i - 1))), i -> "-",
                i -> metricsUrl(captureMetrics.get(i - 1)));
        List<ServiceInstance> inventory = streamsInstances(ServiceSpec.INVENTORY_STREAMS, topology, ports, layout,
                "inventory-query", "inventory.query.port");
        List<ServiceInstance> orders = streamsInstances(ServiceSpec.ORDER_STREAMS, topology, ports, layout,
                "order-query", "orders.query.port");
        List<Integer> apiPorts = new ArrayList<>();
        for (int i = 1; i <= topology.apiInstances(); i++) {
            apiPorts.add(topology.loadBalanced() ? ports.port("api-" + i) : apiPort);
        }
        List<Integer> apiMetrics = metricsPorts(ports, "api-metrics", topology.apiInstances());
        List<ServiceInstance> apis = instances(ServiceSpec.SERVING_API, topology.apiInstances(),
                i -> Map.of("api.port", Integer.toString(apiPorts.get(i - 1)),
                        MetricsSettings.PORT, Integer.toString(apiMetrics.get(i - 1))),
                i -> "http://127.0.0.1:" + apiPorts.get(i - 1), i -> metricsUrl(apiMetrics.get(i - 1)));
        // the job in its own local cluster (the session cluster of --cluster is planned by FlinkSessionCluster)
        int analyticsMetrics = ports.port("analytics-flink-metrics");
        ServiceInstance analytics = new ServiceInstance(ServiceSpec.ANALYTICS_FLINK, ServiceSpec.ANALYTICS_FLINK.name(),
                Map.of(MetricsSettings.PORT, Integer.toString(analyticsMetrics)), "-", metricsUrl(analyticsMetrics));

        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("inventory.query.urls", urls(inventory));
        shared.put("orders.query.urls", urls(orders));
        shared.put(CommonKeys.KAFKA_TOPIC_REPLICATION_FACTOR, Short.toString(replicationFactor));
        shared.put(StreamsScaling.NUM_STANDBY_REPLICAS, Integer.toString(topology.standbyReplicas()));
        return new ServicePlan(capture, inventory, orders, apis, analytics, shared);
    }

    private static List<Integer> metricsPorts(PortAssignments ports, String name, int count) {
        List<Integer> result = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            result.add(ports.port(count == 1 ? name : name + "-" + i));
        }
        return result;
    }

    private static String metricsUrl(int port) {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    private static List<ServiceInstance> streamsInstances(ServiceSpec spec, Topology topology, PortAssignments ports,
            PlatformLayout layout, String portName, String portSetting) {
        int count = topology.streamsInstances();
        List<Integer> queryPorts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            // one instance keeps the port name it always had, so its address survives an upgrade
            queryPorts.add(ports.port(count == 1 ? portName : portName + "-" + i));
        }
        return instances(spec, count, i -> {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(portSetting, Integer.toString(queryPorts.get(i - 1)));
            if (count > 1) {
                // Kafka Streams locks its state folder: instances on one machine each need their own
                settings.put(CommonKeys.DATA_DIR, layout.serviceData(instanceName(spec, i, count)).toString());
            }
            return settings;
        }, i -> "http://127.0.0.1:" + queryPorts.get(i - 1), i -> "http://127.0.0.1:" + queryPorts.get(i - 1) + "/metrics");
    }

    private static List<ServiceInstance> instances(ServiceSpec spec, int count, IntFunction<Map<String, String>> settings,
            IntFunction<String> address, IntFunction<String> metricsUrl) {
        List<ServiceInstance> result = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            result.add(new ServiceInstance(spec.withName(instanceName(spec, i, count)), spec.name(), settings.apply(i),
                    address.apply(i), metricsUrl.apply(i)));
        }
        return List.copyOf(result);
    }

    /** {@code inventory-streams} alone; {@code inventory-streams-1}, {@code -2} ... among several. */
    static String instanceName(ServiceSpec spec, int index, int count) {
        return count == 1 ? spec.name() : spec.name() + "-" + index;
    }

    private static String urls(List<ServiceInstance> instances) {
        return instances.stream().map(ServiceInstance::address).collect(Collectors.joining(","));
    }

    List<ServiceInstance> capture() {
        return capture;
    }

    List<ServiceInstance> inventory() {
        return inventory;
    }

    List<ServiceInstance> orders() {
        return orders;
    }

    List<ServiceInstance> apis() {
        return apis;
    }

    /** analytics-flink as one process with its local cluster (not used with a Flink session cluster). */
    ServiceInstance analytics() {
        return analytics;
    }

    /** Every planned instance that serves {@code /metrics}, in start order. */
    List<ServiceInstance> withMetrics() {
        List<ServiceInstance> all = new ArrayList<>(capture);
        all.addAll(inventory);
        all.addAll(orders);
        all.add(analytics);
        all.addAll(apis);
        return all.stream().filter(instance -> instance.metricsUrl() != null).toList();
    }

    Map<String, String> sharedSettings() {
        return sharedSettings;
    }
}
