package dev.streamcart.analytics.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.streamcart.schemas.metrics.MetricsServer;
import dev.streamcart.schemas.metrics.MetricsSettings;
import dev.streamcart.schemas.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink metric reporter that serves every Flink metric of this process on {@code /metrics}, in
 * the Prometheus text format, on 127.0.0.1 (by default): checkpoint durations and sizes
 * ({@code flink_jobmanager_job_lastCheckpointDuration}), records in and out per operator, and the
 * job's own metrics, such as the ClickHouse sinks' inserts. Names and labels follow Flink's own
 * Prometheus reporter: {@code flink_<logical scope>_<name>}, one label per scope variable
 * ({@code job_name}, {@code task_name}, {@code operator_name}, ...).
 *
 * <p>Why not {@code flink-metrics-prometheus}: its 2.2 reporter binds every network interface and
 * has no option to bind one, while our services expose metrics on loopback only. This one serves
 * through the same {@link MetricsServer} as the other services, with the JVM's metrics beside
 * Flink's. Options ({@code metrics.reporter.<name>.<option>}): {@code host} (127.0.0.1),
 * {@code port} (0: a free one, logged).
 *
 * <p>Flink counters and meters become gauges (their count, their rate per second), as in Flink's
 * reporter; histograms become gauges per quantile (label {@code quantile}).
 */
public final class MicrometerMetricReporter implements MetricReporter {

    public static final String SERVICE_NAME = "analytics-flink";
    private static final Logger LOG = LoggerFactory.getLogger(MicrometerMetricReporter.class);
    private static final Pattern UNALLOWED = Pattern.compile("[^a-zA-Z0-9:_]");
    private static final CharacterFilter NAME_FILTER = part -> UNALLOWED.matcher(part).replaceAll("_");
    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    private final Map<Metric, List<Meter>> registered = new ConcurrentHashMap<>();
    private @Nullable ServiceMetrics metrics;
    private @Nullable MetricsServer server;

    @Override
    public void open(MetricConfig config) {
        ServiceMetrics opened = ServiceMetrics.forService(SERVICE_NAME);
        MetricsSettings where = new MetricsSettings(config.getString("host", MetricsSettings.LOOPBACK),
                config.getInteger("port", 0));
        server = MetricsServer.start(where, opened, SERVICE_NAME);
        metrics = opened;
    }

    /** Where {@code /metrics} is served; -1 before {@link #open}. */
    public int port() {
        MetricsServer started = server;
        return started == null ? -1 : started.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        ServiceMetrics opened = metrics;
        if (opened == null) {
            return;
        }
        MeterRegistry registry = opened.registry();
        String name = "flink." + LogicalScopeProvider.castFrom(group).getLogicalScope(NAME_FILTER, '.') + "."
                + NAME_FILTER.filterCharacters(metricName);
        Tags tags = tags(group);
        List<Meter> meters = new ArrayList<>(1);
        try {
            if (metric instanceof org.apache.flink.metrics.Gauge<?> gauge) {
                meters.add(Gauge.builder(name, gauge, MicrometerMetricReporter::numberOf).tags(tags)
                        .strongReference(true).register(registry));
            } else if (metric instanceof Counter counter) {
                meters.add(Gauge.builder(name, counter, Counter::getCount).tags(tags).strongReference(true)
                        .register(registry));
            } else if (metric instanceof org.apache.flink.metrics.Meter meter) {
                meters.add(Gauge.builder(name, meter, org.apache.flink.metrics.Meter::getRate).tags(tags)
                        .strongReference(true).register(registry));
            } else if (metric instanceof Histogram histogram) {
                for (double quantile : QUANTILES) {
                    meters.add(Gauge.builder(name, histogram, h -> h.getStatistics().getQuantile(quantile))
                            .tags(tags.and("quantile", Double.toString(quantile))).strongReference(true)
                            .register(registry));
                }
            }
        } catch (RuntimeException e) {
            // a name Prometheus cannot take (other labels than an earlier metric of that name): skip this one, keep the job
            LOG.debug("metric {} not exposed: {}", name, e.getMessage());
        }
        registered.put(metric, meters);
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        List<Meter> meters = registered.remove(metric);
        ServiceMetrics opened = metrics;
        if (meters != null && opened != null) {
            meters.forEach(opened.registry()::remove);
        }
    }

    /** Flink's scope variables ({@code <job_name>}) as labels ({@code job_name}). */
    private static Tags tags(MetricGroup group) {
        List<Tag> tags = new ArrayList<>();
        group.getAllVariables().forEach((key, value) -> tags.add(Tag.of(
                NAME_FILTER.filterCharacters(key.replace("<", "").replace(">", "")), value == null ? "" : value)));
        return Tags.of(tags);
    }

    /** A gauge's value when it is a number (or a boolean); NaN for the few that report text. */
    private static double numberOf(org.apache.flink.metrics.Gauge<?> gauge) {
        Object value = gauge.getValue();
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Boolean flag) {
            return flag ? 1 : 0;
        }
        return Double.NaN;
    }
}
