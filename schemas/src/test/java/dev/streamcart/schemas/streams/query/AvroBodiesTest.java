package dev.streamcart.schemas.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.streamcart.schemas.fraud.FraudSignals;
import org.junit.jupiter.api.Test;

class AvroBodiesTest {

    private static FraudSignals signals(long userId) {
        return FraudSignals.newBuilder().setUserId(userId).setOrdersLast24h(3).setDistinctCardsLast24h(2)
                .setMaxAddressesPerCardLast24h(1).setUpdatedAt(Instant.parse("2026-11-26T10:00:00Z")).build();
    }

    @Test
    void aRecordSurvivesTheRoundTripAsPlainAvroBinary() {
        byte[] body = AvroBodies.encode(signals(7));

        assertThat(body[0]).as("no Confluent magic byte: the first byte is the zig-zag user id").isEqualTo((byte) 14);
        assertThat(AvroBodies.decode(body, FraudSignals.class)).isEqualTo(signals(7));
    }

    @Test
    void aListKeepsItsOrderAsAnAvroArray() {
        List<FraudSignals> list = List.of(signals(3), signals(1), signals(2));

        assertThat(AvroBodies.decodeList(AvroBodies.encodeList(list, FraudSignals.class), FraudSignals.class))
                .isEqualTo(list);
        assertThat(AvroBodies.decodeList(AvroBodies.encodeList(List.of(), FraudSignals.class), FraudSignals.class)).isEmpty();
    }

    @Test
    void jsonIsAvrosJsonEncoding() {
        String json = new String(AvroBodies.encodeJson(signals(7)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"userId\":7").contains("\"ordersLast24h\":3");
        assertThat(new String(AvroBodies.encodeJsonList(List.of(signals(1)), FraudSignals.class), StandardCharsets.UTF_8))
                .startsWith("[{").endsWith("}]");
    }

    @Test
    void garbageIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> AvroBodies.decode(new byte[] {1}, FraudSignals.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FraudSignals");
    }
}
