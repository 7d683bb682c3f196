package dev.streamcart.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void environmentNamesFollowTheHierarchicalKey() {
        assertThat(Settings.environmentName("kafka.bootstrap-servers")).isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(Settings.environmentName("postgres.jdbc-url")).isEqualTo("POSTGRES_JDBC_URL");
    }

    @Test
    void explicitValuesWinAndDefaultsFillTheRest() {
        Settings settings = Settings.of(Map.of("api.port", "9090")).with(Map.of("api.host", "127.0.0.1"));
        assertThat(settings.getInt("api.port", 8080)).isEqualTo(9090);
        assertThat(settings.get("api.host", "0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(settings.getInt("missing.key", 7)).isEqualTo(7);
        assertThat(settings.find("missing.key")).isNull();
    }

    @Test
    void malformedNumbersAndMissingRequiredKeysAreClearErrors() {
        Settings settings = Settings.of(Map.of("api.port", "eighty"));
        assertThatThrownBy(() -> settings.getInt("api.port", 8080)).hasMessageContaining("api.port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> settings.require("postgres.jdbc-url")).hasMessageContaining("POSTGRES_JDBC_URL");
    }
}
