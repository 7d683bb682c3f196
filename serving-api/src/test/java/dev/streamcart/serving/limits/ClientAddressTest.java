package dev.streamcart.serving.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress addresses = new ClientAddress(List.of("127.0.0.1", "10.0.0.5"));

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        assertThat(addresses.resolve("198.51.100.9", List.of("203.0.113.1"))).isEqualTo("198.51.100.9");
    }

    @Test
    void aTrustedProxyNamesTheClientItSaw() {
        assertThat(addresses.resolve("127.0.0.1", List.of("203.0.113.1"))).isEqualTo("203.0.113.1");
        assertThat(addresses.resolve("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void entriesTheClientWroteItselfAreSkipped() {
        // the client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw
        assertThat(addresses.resolve("127.0.0.1", List.of("1.2.3.4, 203.0.113.1"))).isEqualTo("203.0.113.1");
        assertThat(addresses.resolve("127.0.0.1", List.of("1.2.3.4", "203.0.113.1, 10.0.0.5")))
                .as("a chain of trusted proxies").isEqualTo("203.0.113.1");
    }

    @Test
    void aMalformedEntryEndsTheTrustedChain() {
        assertThat(addresses.resolve("127.0.0.1", List.of("evil.example, 10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(addresses.resolve("127.0.0.1", List.of("<script>"))).isEqualTo("127.0.0.1");
    }
}
