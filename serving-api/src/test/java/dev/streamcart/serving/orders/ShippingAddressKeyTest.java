package dev.streamcart.serving.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShippingAddressKeyTest {

    @Test
    void theSamePlaceTypedDifferentlyHasOneKey() {
        String key = ShippingAddressKey.of("12 Rue de la Paix", null, "Paris", null, "75002", "FR");

        assertThat(ShippingAddressKey.of("  12,  rue DE LA paix ", "", "PARIS", "", "75 002", "fr")).isEqualTo(key);
        assertThat(key).matches("[0-9a-f]{64}");
    }

    @Test
    void anotherPlaceHasAnotherKey() {
        String key = ShippingAddressKey.of("12 Rue de la Paix", null, "Paris", null, "75002", "FR");

        assertThat(ShippingAddressKey.of("14 Rue de la Paix", null, "Paris", null, "75002", "FR")).isNotEqualTo(key);
        assertThat(ShippingAddressKey.of("12 Rue de la Paix", "Apt 3", "Paris", null, "75002", "FR")).isNotEqualTo(key);
    }
}
