package dev.streamcart.analytics.metrics;

import java.util.Properties;

import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * What Flink's configuration names ({@code metrics.reporter.prom.factory.class}) to create a
 * {@link MicrometerMetricReporter}. Flink finds reporter factories through the service loader, so it is
 * listed in {@code META-INF/services/org.apache.flink.metrics.reporter.MetricReporterFactory}.
 */
public final class MicrometerMetricReporterFactory implements MetricReporterFactory {

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new MicrometerMetricReporter();
    }
}
