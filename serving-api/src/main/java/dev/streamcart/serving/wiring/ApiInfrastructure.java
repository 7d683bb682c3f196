package dev.streamcart.serving.wiring;

import java.time.Clock;
import java.util.Objects;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.events.Clickstream;
import dev.streamcart.serving.events.OutboxWriter;
import dev.streamcart.serving.idempotency.IdempotentRequests;
import dev.streamcart.serving.problems.ProblemMapper;
import dev.streamcart.serving.web.RequestBodies;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * What the features of the API share, built once by {@code ServingApi}: the JSON mapping, the
 * request-body reader that checks bodies against {@code openapi.yaml}, the clock, the metrics registry, the PostgreSQL pool and its transactions, the one outbox writer, the
 * idempotency keys, the problem mapper, the clickstream producer (disabled without Kafka), the Kafka
 * connection (null without Kafka) and the lifecycle every feature records what it starts in.
 */
public record ApiInfrastructure(ObjectMapper json, RequestBodies bodies, Clock clock, MeterRegistry metrics, DataSource dataSource,
                                Transactions transactions, OutboxWriter outbox, IdempotentRequests idempotent,
                                ProblemMapper problems, Clickstream clickstream, @Nullable KafkaConnection kafka,
                                Lifecycle lifecycle) {

    public ApiInfrastructure {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(bodies, "bodies");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(idempotent, "idempotent");
        Objects.requireNonNull(problems, "problems");
        Objects.requireNonNull(clickstream, "clickstream");
        Objects.requireNonNull(lifecycle, "lifecycle");
    }

    public boolean kafkaEnabled() {
        return kafka != null;
    }
}
