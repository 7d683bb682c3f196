package dev.streamcart.ingest.capture;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.debezium.engine.DebeziumEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes once the connector streams from the replication slot: its task has started (the slot
 * exists, so no later commit can be missed) and its streaming metrics report a connection, which
 * happens after the initial snapshot.
 */
public final class StreamingReadiness implements DebeziumEngine.ConnectorCallback, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingReadiness.class);
    private static final long CHECK_INTERVAL_MILLIS = 50;

    private final ObjectName streamingMetrics;
    private final CompletableFuture<Void> streaming = new CompletableFuture<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cdc-readiness");
        thread.setDaemon(true);
        return thread;
    });

    public StreamingReadiness(String topicPrefix) {
        try {
            this.streamingMetrics = new ObjectName(
                    "debezium.postgres:type=connector-metrics,context=streaming,server=" + topicPrefix + ",*");
        } catch (JMException e) {
            throw new IllegalArgumentException("bad topic prefix for a metrics name: " + topicPrefix, e);
        }
    }

    public CompletableFuture<Void> streaming() {
        return streaming;
    }

    @Override
    public void taskStarted() {
        checker.scheduleWithFixedDelay(this::check, 0, CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (streaming.isDone()) {
            checker.shutdown();
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(streamingMetrics, null);
        for (ObjectName name : names) {
            try {
                if (Boolean.TRUE.equals(server.getAttribute(name, "Connected"))) {
                    LOG.info("connector is streaming changes from the replication slot");
                    streaming.complete(null);
                    checker.shutdown();
                    return;
                }
            } catch (JMException e) {
                // The metrics bean may be replaced while the task (re)starts: check again shortly.
                LOG.debug("cannot read {}: {}", name, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
