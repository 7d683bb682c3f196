package dev.streamcart.serving.catalog;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the detail fields of a product body (attributes, tags, images, weight) once the body has
 * passed its schema in {@code openapi.yaml} (types, counts and lengths are checked there). What is
 * left here is what a schema cannot say: blank names and tags, the weight given as an attribute,
 * numbers too long to store, and links that are not http or https; each refusal names the field.
 */
public final class ProductFields {

    public static final String WEIGHT_ATTRIBUTE = "weightGrams";
    private static final int MAX_NUMBER_DIGITS = 30;

    private ProductFields() {}

    /** Weight in grams; null when absent or null. */
    public static @Nullable Integer weightGrams(JsonNode body) {
        JsonNode value = body.get(WEIGHT_ATTRIBUTE);
        return value == null || value.isNull() ? null : value.asInt();
    }

    /** A flat object of names to strings, numbers or booleans; empty when absent. */
    public static Map<String, Object> attributes(JsonNode body) {
        JsonNode value = body.get("attributes");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String name = entry.getKey();
            String field = "attributes." + name;
            if (name.isBlank()) {
                throw invalid("attributes", "names must not be blank");
            }
            if (name.equals(WEIGHT_ATTRIBUTE)) {
                throw invalid(field, "is set through the top-level 'weightGrams' field");
            }
            JsonNode attribute = entry.getValue();
            if (attribute.isNull()) {
                continue;
            }
            if (attribute.isTextual()) {
                attributes.put(name, attribute.asText());
            } else if (attribute.isBoolean()) {
                attributes.put(name, attribute.asBoolean());
            } else if (attribute.isIntegralNumber() && attribute.canConvertToLong()) {
                attributes.put(name, attribute.asLong());
            } else {
                BigDecimal number = attribute.decimalValue();
                if (number.precision() > MAX_NUMBER_DIGITS) {
                    throw invalid(field, "is too long a number");
                }
                attributes.put(name, number);
            }
        }
        return attributes;
    }

    /** Lower-cased, trimmed, without duplicates, in the order given; empty when absent. */
    public static List<String> tags(JsonNode body) {
        JsonNode value = body.get("tags");
        if (value == null || value.isNull()) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String text = value.get(i).asText().trim().toLowerCase(Locale.ROOT);
            if (text.isEmpty()) {
                throw invalid("tags[" + i + "]", "must not be blank");
            }
            tags.add(text);
        }
        return List.copyOf(tags);
    }

    /** Images in display order ({@code position} is the index); empty when absent. */
    public static List<ProductImage> images(JsonNode body) {
        JsonNode value = body.get("images");
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<ProductImage> images = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode image = value.get(i);
            String field = "images[" + i + "]";
            String link = image.path("url").asText().trim();
            if (!isWebUrl(link)) {
                throw invalid(field + ".url", "must be an http or https URL");
            }
            String altText = image.path("altText").asText("").trim();
            images.add(new ProductImage(link, altText.isEmpty() ? null : altText, i));
        }
        return images;
    }

    private static boolean isWebUrl(String link) {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A boolean field; {@code fallback} when absent. */
    public static boolean flag(JsonNode body, String field, boolean fallback) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? fallback : value.asBoolean();
    }

    static DomainException invalid(String field, String rule) {
        return DomainException.invalidInput("'" + field + "' " + rule);
    }
}
