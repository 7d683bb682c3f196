package dev.streamcart.serving.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object from a request body, read field by field with checks that name the field, so
 * every bad input becomes a precise 400 before any use case runs.
 */
public final class JsonBody {

    private static final BigDecimal MAX_MONEY = new BigDecimal("9999999999.99");

    private final ObjectNode node;
    private final String path;

    private JsonBody(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public static JsonBody parse(ObjectMapper json, @Nullable String body) {
        if (body == null || body.isBlank()) {
            throw DomainException.invalidInput("the request body must be a JSON object");
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (JsonProcessingException e) {
            // a body beyond the parser's limits (nesting depth, number or name length) has no location: it was a 500
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw DomainException.invalidInput("the request body is not valid JSON" + where + ": "
                    + withoutSourceNote(e.getOriginalMessage()));
        }
        if (parsed == null || !parsed.isObject()) {
            throw DomainException.invalidInput("the request body must be a JSON object");
        }
        return new JsonBody((ObjectNode) parsed, "");
    }

    // Jackson appends "(start marker at [Source: ...])" notes that only confuse a client.
    private static String withoutSourceNote(String message) {
        int note = message.indexOf(" (start marker");
        if (note < 0) {
            note = message.indexOf("\n");
        }
        return note < 0 ? message : message.substring(0, note);
    }

    /** Whether the field is present and not null. */
    public boolean has(String field) {
        return present(field) != null;
    }

    public long requiredId(String field) {
        Long id = optionalId(field);
        if (id == null) {
            throw missing(field);
        }
        return id;
    }

    public @Nullable Long optionalId(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
            throw invalid(field, "must be a positive integer id");
        }
        return value.asLong();
    }

    public int requiredPositiveInt(String field, int max) {
        JsonNode value = present(field);
        if (value == null) {
            throw missing(field);
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0 || value.asInt() > max) {
            throw invalid(field, "must be an integer from 1 to " + max);
        }
        return value.asInt();
    }

    public String requiredText(String field, int maxLength) {
        String text = optionalText(field, maxLength);
        if (text == null) {
            throw missing(field);
        }
        return text;
    }

    /** Text exactly as sent (not trimmed), for secrets such as passwords. */
    public char[] requiredSecret(String field, int maxLength) {
        JsonNode value = present(field);
        if (value == null) {
            throw missing(field);
        }
        if (!value.isTextual()) {
            throw invalid(field, "must be a string");
        }
        if (value.asText().length() > maxLength) {
            throw invalid(field, "must be at most " + maxLength + " characters");
        }
        return value.asText().toCharArray();
    }

    /** Trimmed text; absent, null and blank all read as absent. */
    public @Nullable String optionalText(String field, int maxLength) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field, "must be a string");
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > maxLength) {
            throw invalid(field, "must be at most " + maxLength + " characters");
        }
        if (!isStorableText(text)) {
            throw invalid(field, "must not contain control characters (other than tab and line breaks) or unpaired surrogates");
        }
        return text;
    }

    // PostgreSQL refuses NUL in text (a 5xx otherwise), and an unpaired surrogate is not Unicode at all.
    private static boolean isStorableText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A price or amount: a decimal string ("19.99") or number, 0 or more, at most two fraction digits. */
    public BigDecimal requiredMoney(String field) {
        JsonNode value = present(field);
        if (value == null) {
            throw missing(field);
        }
        BigDecimal amount;
        if (value.isTextual()) {
            try {
                amount = new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw invalid(field, "must be a decimal amount such as \"19.99\"");
            }
        } else if (value.isNumber()) {
            amount = value.decimalValue();
        } else {
            throw invalid(field, "must be a decimal amount such as \"19.99\"");
        }
        if (amount.signum() < 0) {
            throw invalid(field, "must not be negative");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw invalid(field, "must have at most two fraction digits");
        }
        if (amount.compareTo(MAX_MONEY) > 0) {
            throw invalid(field, "must be at most " + MAX_MONEY);
        }
        return amount.setScale(2);
    }

    public List<JsonBody> requiredObjects(String field, int maxItems) {
        JsonNode value = present(field);
        if (value == null) {
            throw missing(field);
        }
        if (!value.isArray() || value.isEmpty()) {
            throw invalid(field, "must be a non-empty array");
        }
        if (value.size() > maxItems) {
            throw invalid(field, "must have at most " + maxItems + " entries");
        }
        List<JsonBody> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = qualified(field) + "[" + i + "]";
            if (!item.isObject()) {
                throw DomainException.invalidInput("'" + itemPath + "' must be an object");
            }
            items.add(new JsonBody((ObjectNode) item, itemPath + "."));
        }
        return items;
    }

    /** Whether the body names the field at all, null included, so a PATCH tells "clear it" from "leave it". */
    public boolean mentions(String field) {
        return node.has(Objects.requireNonNull(field, "field"));
    }

    public @Nullable Boolean optionalBoolean(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw invalid(field, "must be true or false");
        }
        return value.asBoolean();
    }

    /** An array of positive ids, duplicates dropped, order kept; null when absent. */
    public @Nullable List<Long> optionalIds(String field, int maxItems) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid(field, "must be an array of positive integer ids");
        }
        if (value.size() > maxItems) {
            throw invalid(field, "must have at most " + maxItems + " entries");
        }
        List<Long> ids = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isIntegralNumber() || !item.canConvertToLong() || item.asLong() <= 0) {
                throw invalid(field, "must be an array of positive integer ids");
            }
            if (!ids.contains(item.asLong())) {
                ids.add(item.asLong());
            }
        }
        return ids;
    }

    /** A nested object, read with the same checks; its fields are named {@code field.name} in problems. */
    public JsonBody requiredObject(String field) {
        JsonNode value = present(field);
        if (value == null) {
            throw missing(field);
        }
        if (!value.isObject()) {
            throw invalid(field, "must be an object");
        }
        return new JsonBody((ObjectNode) value, qualified(field) + ".");
    }

    /** The field's name as problems show it, with the path of the objects it is nested in. */
    public String nameOf(String field) {
        return qualified(field);
    }

    private @Nullable JsonNode present(String field) {
        Objects.requireNonNull(field, "field");
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private String qualified(String field) {
        return path + field;
    }

    private DomainException missing(String field) {
        return DomainException.invalidInput("'" + qualified(field) + "' is required");
    }

    private DomainException invalid(String field, String rule) {
        return DomainException.invalidInput("'" + qualified(field) + "' " + rule);
    }
}
