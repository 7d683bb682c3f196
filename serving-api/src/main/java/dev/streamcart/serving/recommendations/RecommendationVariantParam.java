package dev.streamcart.serving.recommendations;

import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * The A/B variant a storefront passes along when a product view or cart add follows a
 * recommendation ({@code ?rec=A|B}, or {@code recommendationVariant} in a cart add's body).
 */
public final class RecommendationVariantParam {

    private RecommendationVariantParam() {}

    /** "A", "B", or null when absent; 400 for anything else. */
    public static @Nullable String parse(@Nullable String raw, String name) {
        if (raw == null) {
            return null;
        }
        String value = raw.trim();
        if (value.equals(ServedModels.CONTROL) || value.equals(ServedModels.EXPERIMENT)) {
            return value;
        }
        throw DomainException.invalidInput("'" + name + "' must be \"" + ServedModels.CONTROL + "\" or \""
                + ServedModels.EXPERIMENT + "\", was '" + raw + "'");
    }
}
