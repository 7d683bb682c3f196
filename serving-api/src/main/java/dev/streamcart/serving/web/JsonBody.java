package dev.streamcart.serving.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object from a request body that already conforms to its operation's schema in
 * {@code openapi.yaml} ({@link RequestBodies} checked it), read field by field. It holds only the
 * rules a schema cannot state: text is trimmed and blank text reads as absent, text must be storable
 * in PostgreSQL, money is read exactly with at most two fraction digits, and a field required only
 * in some cases is named when it is missing.
 */
public final class JsonBody {

    private static final BigDecimal MAX_MONEY = new BigDecimal("9999999999.99");

    private final ObjectNode node;
    private final String path;

    JsonBody(ObjectNode node, String path) {
        this.node = Objects.requireNonNull(node, "node");
        this.path = Objects.requireNonNull(path, "path");
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
        return value == null ? null : conforming(field, value, JsonNode::canConvertToLong).asLong();
    }

    public int requiredInt(String field) {
        JsonNode value = present(field);
        if (value == null) {
            throw missing(field);
        }
        return conforming(field, value, JsonNode::canConvertToInt).asInt();
    }

    public String requiredText(String field) {
        String text = optionalText(field);
        if (text == null) {
            throw missing(field);
        }
        return text;
    }

    /** Text exactly as sent (not trimmed), for secrets such as passwords. */
    public char[] requiredSecret(String field) {
        JsonNode value = present(field);
        if (value == null) {
            throw missing(field);
        }
        return conforming(field, value, JsonNode::isTextual).asText().toCharArray();
    }

    /** Trimmed text; absent, null and blank all read as absent. */
    public @Nullable String optionalText(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        String text = conforming(field, value, JsonNode::isTextual).asText().trim();
        if (text.isEmpty()) {
            return null;
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
        if (value.isNumber()) {
            amount = value.decimalValue();
        } else {
            try {
                amount = new BigDecimal(conforming(field, value, JsonNode::isTextual).asText().trim());
            } catch (NumberFormatException e) {
                throw invalid(field, "must be a decimal amount such as \"19.99\"");
            }
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

    public List<JsonBody> requiredObjects(String field) {
        JsonNode value = present(field);
        if (value == null) {
            throw missing(field);
        }
        List<JsonBody> items = new ArrayList<>(value.size());
        for (int i = 0; i < conforming(field, value, JsonNode::isArray).size(); i++) {
            String itemPath = qualified(field) + "[" + i + "]";
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw undocumented(itemPath);
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
        return value == null ? null : conforming(field, value, JsonNode::isBoolean).asBoolean();
    }

    /** An array of ids, duplicates dropped, order kept; null when absent. */
    public @Nullable List<Long> optionalIds(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        List<Long> ids = new ArrayList<>(value.size());
        for (JsonNode item : conforming(field, value, JsonNode::isArray)) {
            long id = conforming(field, item, JsonNode::canConvertToLong).asLong();
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** A nested object, read the same way; its fields are named {@code field.name} in problems. */
    public JsonBody requiredObject(String field) {
        JsonNode value = present(field);
        if (value == null) {
            throw missing(field);
        }
        return new JsonBody((ObjectNode) conforming(field, value, JsonNode::isObject), qualified(field) + ".");
    }

    /** The object as sent, for readers of fields whose rules live elsewhere; not to be changed. */
    public ObjectNode raw() {
        return node;
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

    // The schema has checked the value; a value of another shape means the document does not state the field.
    private JsonNode conforming(String field, JsonNode value, Predicate<JsonNode> shape) {
        if (!shape.test(value)) {
            throw undocumented(qualified(field));
        }
        return value;
    }

    private static IllegalStateException undocumented(String field) {
        return new IllegalStateException("openapi.yaml does not state the shape of '" + field + "' for this operation");
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
