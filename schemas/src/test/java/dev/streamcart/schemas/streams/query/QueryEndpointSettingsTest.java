package dev.streamcart.schemas.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.streamcart.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class QueryEndpointSettingsTest {

    @Test
    void withoutSettingsAnInstanceAnswersOnAFreeLoopbackPort() {
        QueryEndpointSettings endpoint = QueryEndpointSettings.from(Settings.of(Map.of()), "orders.query");

        assertThat(endpoint).isEqualTo(new QueryEndpointSettings("127.0.0.1", null, 0));
        assertThat(endpoint.bindsEveryInterface()).isFalse();
    }

    @Test
    void inAContainerItBindsEveryInterfaceAndAdvertisesWhatItIsTold() {
        QueryEndpointSettings endpoint = QueryEndpointSettings.from(Settings.of(Map.of("orders.query.host", "0.0.0.0",
                "orders.query.advertised-host", "order-streams-1", "orders.query.port", "7072")), "orders.query");

        assertThat(endpoint.bindsEveryInterface()).isTrue();
        assertThat(endpoint.advertisedHost()).isEqualTo("order-streams-1");
        assertThat(endpoint.port()).isEqualTo(7072);
    }

    @Test
    void aServerBoundToEveryInterfaceAdvertisesAnAddressTheOthersCanReach() {
        try (QueryServer server = QueryServer.bind(new QueryEndpointSettings("0.0.0.0", null, 0), "test-queries")) {
            assertThat(server.self().host()).isNotEqualTo("0.0.0.0").isNotBlank();
            assertThat(server.self().port()).isPositive();
        }
        try (QueryServer server = QueryServer.bind(new QueryEndpointSettings("127.0.0.1", "queries.example", 0),
                "test-queries")) {
            assertThat(server.self().host()).isEqualTo("queries.example");
        }
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new QueryEndpointSettings("127.0.0.1", null, 70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..65535");
    }
}
