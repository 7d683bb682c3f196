package dev.streamcart.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.serving.ServingApiConfig.FeatureSettings;
import dev.streamcart.serving.analytics.InventoryAccuracyCheck;
import org.junit.jupiter.api.Test;

class FeatureSettingsTest {

    private static final Map<String, String> BASE = Map.of(CommonKeys.JDBC_URL, "jdbc:postgresql://127.0.0.1:1/x");

    @Test
    void unsetKeysGiveTheDefaults() {
        FeatureSettings features = ServingApiConfig.from(Settings.of(BASE)).features();

        assertThat(features).isEqualTo(FeatureSettings.defaults());
        assertThat(features.searchFacetCacheTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(features.recommendationsPerSeller()).isEqualTo(3);
        assertThat(features.inventoryAccuracyInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theKeysUsersAlreadySetAreReadThroughTheConfiguration() {
        Settings settings = Settings.of(BASE).with(Map.of(
                ServingApiConfig.SEARCH_FACET_CACHE_TTL_MS, "0",
                ServingApiConfig.RECOMMENDATIONS_MAX_PER_SELLER, "5",
                InventoryAccuracyCheck.INTERVAL_KEY, "PT2M"));

        FeatureSettings features = ServingApiConfig.from(settings).features();

        assertThat(features.searchFacetCacheTtl()).isZero();
        assertThat(features.recommendationsPerSeller()).isEqualTo(5);
        assertThat(features.inventoryAccuracyInterval()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aSellerCapBelowOneIsRefusedNamingItsKey() {
        Settings settings = Settings.of(BASE).with(Map.of(ServingApiConfig.RECOMMENDATIONS_MAX_PER_SELLER, "0"));

        assertThatThrownBy(() -> ServingApiConfig.from(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ServingApiConfig.RECOMMENDATIONS_MAX_PER_SELLER);
    }
}
