package dev.streamcart.ingest;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

/** Starts ingest-cdc in the test JVM as the tests use it: streaming once this returns. */
final class RunningIngest {

    private RunningIngest() {}

    /** The service, streaming; closed again when it does not stream within {@code patience}. */
    static IngestCdcService start(IngestCdcConfig config, MeterRegistry metrics, Duration patience) {
        IngestCdcService service = new IngestCdcService(config, metrics);
        try {
            service.start();
            service.streaming().orTimeout(patience.toSeconds(), TimeUnit.SECONDS).join();
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }
}
