package dev.streamcart.serving.fraud;

import static dev.streamcart.serving.testing.StreamsInputs.paid;
import static dev.streamcart.serving.testing.StreamsInputs.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.streamcart.localstack.infra.FreePorts;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.readmodels.QueriedReadModel;
import dev.streamcart.serving.readmodels.QueryEndpoints;
import dev.streamcart.serving.readmodels.StreamsQueryClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.TopicWriter;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fraud signals behind the payment risk check, asked of a real order-streams that counts them
 * from order events on a real broker.
 */
class QueriedFraudSignalsTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().streams();

    private static FraudSignalSource signalsAt(URI orderStreams) {
        StreamsQueryClient client = new StreamsQueryClient(new QueryEndpoints("order-streams", List.of(orderStreams)),
                Duration.ofSeconds(2));
        return new QueriedFraudSignals(new QueriedReadModel<>(client, "fraud-signals",
                dev.streamcart.schemas.fraud.FraudSignals.class));
    }

    @Test
    void aUsersOrdersAndCardsOfTheLastDayAreCountedAndOtherUsersHaveNone() {
        HostInfo host = SERVER.orderStreams().queryEndpoint();
        FraudSignalSource source = signalsAt(URI.create("http://" + host.host() + ":" + host.port()));
        Instant now = Instant.now();
        try (TopicWriter cdc = new TopicWriter(SERVER)) {
            for (long orderId = 501; orderId <= 503; orderId++) {
                cdc.commit(Topics.ORDER_EVENTS, orderId, placed(orderId, 42, 5, 1, 900, now.minusSeconds(600 - orderId)));
            }
            cdc.commit(Topics.ORDER_EVENTS, 501L, paid(501, 42, 5, 1, 900, now.minusSeconds(10)));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(source.forUser(42)).hasValueSatisfying(signals -> {
                    assertThat(signals.userId()).isEqualTo(42);
                    assertThat(signals.ordersLast24h()).isEqualTo(3);
                    assertThat(signals.distinctCardsLast24h()).isEqualTo(1);
                }));
        assertThat(source.forUser(43)).isEmpty();
        assertThat(FraudSignalSource.none().forUser(42)).isEqualTo(Optional.empty());
    }

    @Test
    void whenOrderStreamsCannotAnswerTheSignalsAreUnknownSoTheRiskCheckCountsFromPostgres() {
        FraudSignalSource unreachable = signalsAt(URI.create("http://127.0.0.1:" + FreePorts.next()));

        assertThat(unreachable.forUser(42)).isEmpty();
    }
}
