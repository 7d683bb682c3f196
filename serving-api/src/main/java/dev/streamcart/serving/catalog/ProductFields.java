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
 * Reads and checks the detail fields of a product body (attributes, tags, images, weight), naming
 * the field in every refusal. The limits keep one product's row and search document small.
 */
public final class ProductFields {

    public static final String WEIGHT_ATTRIBUTE = "weightGrams";
    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_ATTRIBUTE_NAME = 64;
    static final int MAX_ATTRIBUTE_TEXT = 500;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG_LENGTH = 50;
    static final int MAX_IMAGES = 10;
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_WEIGHT_GRAMS = 1_000_000;

    private ProductFields() {}

    /** Weight in grams, 1 to 1,000,000; null when absent or null. */
    public static @Nullable Integer weightGrams(JsonNode body) {
        JsonNode value = body.get(WEIGHT_ATTRIBUTE);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1 || value.asInt() > MAX_WEIGHT_GRAMS) {
            throw invalid(WEIGHT_ATTRIBUTE, "must be an integer number of grams from 1 to " + MAX_WEIGHT_GRAMS);
        }
        return value.asInt();
    }

    /** A flat object of names to strings, numbers or booleans; empty when absent. */
    public static Map<String, Object> attributes(JsonNode body) {
        JsonNode value = body.get("attributes");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw invalid("attributes", "must be an object of names to strings, numbers or booleans");
        }
        if (value.size() > MAX_ATTRIBUTES) {
            throw invalid("attributes", "must have at most " + MAX_ATTRIBUTES + " entries");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String name = entry.getKey();
            String field = "attributes." + name;
            if (name.isBlank() || name.length() > MAX_ATTRIBUTE_NAME) {
                throw invalid("attributes", "names must be 1 to " + MAX_ATTRIBUTE_NAME + " characters");
            }
            if (name.equals(WEIGHT_ATTRIBUTE)) {
                throw invalid(field, "is set through the top-level 'weightGrams' field");
            }
            JsonNode attribute = entry.getValue();
            if (attribute.isTextual()) {
                if (attribute.asText().length() > MAX_ATTRIBUTE_TEXT) {
                    throw invalid(field, "must be at most " + MAX_ATTRIBUTE_TEXT + " characters");
                }
                attributes.put(name, attribute.asText());
            } else if (attribute.isBoolean()) {
                attributes.put(name, attribute.asBoolean());
            } else if (attribute.isIntegralNumber() && attribute.canConvertToLong()) {
                attributes.put(name, attribute.asLong());
            } else if (attribute.isNumber()) {
                BigDecimal number = attribute.decimalValue();
                if (number.precision() > 30) {
                    throw invalid(field, "is too long a number");
                }
                attributes.put(name, number);
            } else {
                throw invalid(field, "must be a string, a number or a boolean");
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
        if (!value.isArray()) {
            throw invalid("tags", "must be an array of strings");
        }
        if (value.size() > MAX_TAGS) {
            throw invalid("tags", "must have at most " + MAX_TAGS + " entries");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode tag = value.get(i);
            String field = "tags[" + i + "]";
            if (!tag.isTextual()) {
                throw invalid(field, "must be a string");
            }
            String text = tag.asText().trim().toLowerCase(Locale.ROOT);
            if (text.isEmpty() || text.length() > MAX_TAG_LENGTH) {
                throw invalid(field, "must be 1 to " + MAX_TAG_LENGTH + " characters");
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
        if (!value.isArray()) {
            throw invalid("images", "must be an array of {\"url\", \"altText\"} objects");
        }
        if (value.size() > MAX_IMAGES) {
            throw invalid("images", "must have at most " + MAX_IMAGES + " entries");
        }
        List<ProductImage> images = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode image = value.get(i);
            String field = "images[" + i + "]";
            if (!image.isObject()) {
                throw invalid(field, "must be an object with 'url' and optional 'altText'");
            }
            JsonNode url = image.get("url");
            if (url == null || !url.isTextual() || url.asText().isBlank()) {
                throw invalid(field + ".url", "is required: an http or https URL");
            }
            String link = url.asText().trim();
            if (link.length() > MAX_URL_LENGTH || !isWebUrl(link)) {
                throw invalid(field + ".url", "must be an http or https URL of at most " + MAX_URL_LENGTH + " characters");
            }
            JsonNode alt = image.get("altText");
            String altText = null;
            if (alt != null && !alt.isNull()) {
                if (!alt.isTextual() || alt.asText().length() > 255) {
                    throw invalid(field + ".altText", "must be a string of at most 255 characters");
                }
                altText = alt.asText().trim().isEmpty() ? null : alt.asText().trim();
            }
            images.add(new ProductImage(link, altText, i));
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
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid(field, "must be true or false");
        }
        return value.asBoolean();
    }

    static DomainException invalid(String field, String rule) {
        return DomainException.invalidInput("'" + field + "' " + rule);
    }
}
