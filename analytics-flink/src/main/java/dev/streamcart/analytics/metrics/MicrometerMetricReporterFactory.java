package dev.streamcart.analytics.metrics;

import java.util.Properties;

import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * What Flink's configuration names ({@code metrics.reporter.prom.factory.class}) to create a
 * {@link MicrometerMetricReporter}.
 */
public final class MicrometerMetricReporterFactory implements MetricReporterFactory {

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new MicrometerMetricReporter();
    }
}
