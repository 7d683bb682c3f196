package dev.streamcart.ingest;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.metrics.MetricsServer;
import dev.streamcart.schemas.metrics.MetricsSettings;
import dev.streamcart.schemas.metrics.ServiceMetrics;
import dev.streamcart.schemas.runtime.ParentWatchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ingest-cdc: captures the outbox, products and inventory tables of PostgreSQL with Debezium's
 * embedded engine and publishes typed Avro events to {@code order-events}, {@code product-changes}
 * and {@code inventory-changes}; outbox rows it cannot decode go whole to {@code outbox-dead-letters}.
 *
 * <p>Guarantees: at-least-once and in commit order per aggregate; a change is committed back to
 * PostgreSQL (offsets and slot) only after Kafka acknowledged its event. Prints
 * {@code STREAMCART READY ingest-cdc} once the connector streams from the replication slot (or
 * {@code STREAMCART READY ingest-cdc standby} while another instance captures), and exits non-zero
 * when it cannot start, the engine stops or the capture lock is lost.
 */
public final class IngestCdcMain {

    private static final Logger LOG = LoggerFactory.getLogger(IngestCdcMain.class);

    private IngestCdcMain() {}

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment();
        ParentWatchdog.watch(settings.getLong(CommonKeys.PARENT_PID, 0));
        IngestCdcService service;
        try {
            // served from the start, a standby instance included (its figures then stay at zero)
            ServiceMetrics metrics = ServiceMetrics.forService(IngestCdcConfig.SERVICE_NAME);
            MetricsServer metricsServer = MetricsServer.start(MetricsSettings.from(settings), metrics,
                    IngestCdcConfig.SERVICE_NAME);
            service = new IngestCdcService(IngestCdcConfig.from(settings), metrics.registry());
            IngestCdcService started = service;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                metricsServer.close();
                metrics.close();
            }, IngestCdcConfig.SERVICE_NAME + "-shutdown"));
            service.standingBy().thenRun(() -> {
                System.out.println("STREAMCART READY " + IngestCdcConfig.SERVICE_NAME
                        + " standby (another instance captures; this one takes over when it stops)");
                System.out.flush();
            });
            service.streaming().thenRun(() -> {
                System.out.println("STREAMCART READY " + IngestCdcConfig.SERVICE_NAME);
                System.out.flush();
            });
            service.start();
        } catch (RuntimeException e) {
            LOG.error("{} cannot start: {}", IngestCdcConfig.SERVICE_NAME, e.getMessage(), e);
            System.exit(2);
            return;
        }
        Throwable failure = service.failure().join();
        LOG.error("{} stopped on an error; exiting so it restarts from its committed offsets",
                IngestCdcConfig.SERVICE_NAME, failure);
        System.exit(1);
    }
}
