package dev.streamcart.analytics.kpi;

import java.util.Objects;

/**
 * One event's lag at one stage of the pipeline, in milliseconds, timestamped with the event's event time.
 *
 * @param stage {@code cdc} (Kafka record timestamp - commit time) or {@code analytics} (this job's processing time - record timestamp)
 */
public record LagSample(String stage, long lagMillis) {

    public static final String CDC = "cdc";
    public static final String ANALYTICS = "analytics";

    public LagSample {
        Objects.requireNonNull(stage, "stage");
    }
}
