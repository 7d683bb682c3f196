package dev.streamcart.serving.badinput;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcart.serving.badinput.BadInput.Caller;
import org.jspecify.annotations.Nullable;

/**
 * The bad-input rows that {@code openapi.yaml} implies: for each operation with a JSON request body,
 * starting from its {@link ValidRequest} and sent by its owner, every constraint of the body's schema
 * broken once, nested objects and array items included: a required field missing or null, a value
 * of each type the field does not take, a number below its minimum or above its maximum, text
 * shorter or longer than its limits or off its pattern, an array emptier or longer than allowed, an
 * unknown field where none may be added. Each must be a 400 that names the field
 * ({@code items[0].quantity}). {@code enum} and {@code format} are the domain's to check, so the
 * hand-written table covers them.
 */
final class SchemaViolations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Values of every JSON type, each sent where the schema's {@code type} does not take it. */
    private static final List<JsonNode> WRONG_TYPES = List.of(NODES.textNode("text"), NODES.numberNode(42),
            NODES.numberNode(new BigDecimal("1.5")), NODES.booleanNode(true),
            NODES.arrayNode().add("text"), NODES.objectNode().put("k", 1));
    /** Text off a pattern: SQL, a right-to-left override, a space. */
    private static final List<String> OFF_PATTERN = List.of("' OR '1'='1", "\u202Eevil", "two words", "x");

    private final DocumentedOperation operation;
    private final ValidRequest valid;
    private final Caller caller;
    private final ObjectNode validBody;
    private final List<BadInput> rows = new ArrayList<>();

    private SchemaViolations(DocumentedOperation operation, ValidRequest valid) throws JsonProcessingException {
        this.operation = operation;
        this.valid = valid;
        this.caller = ExpectedAccess.owner(operation, valid);
        this.validBody = (ObjectNode) JSON.readTree(valid.body());
    }

    static List<BadInput> all() {
        List<BadInput> rows = new ArrayList<>();
        for (DocumentedOperation operation : DocumentedOperations.load()) {
            DocumentedOperation.Body body = operation.body();
            if (body == null || !body.mediaType().equals("application/json") || !ValidRequests.has(operation)) {
                continue;
            }
            ValidRequest valid = ValidRequests.of(operation);
            if (valid.body() == null) {
                continue;
            }
            try {
                SchemaViolations violations = new SchemaViolations(operation, valid);
                violations.object(body.schema(), violations.validBody, "", List.of());
                rows.addAll(violations.rows);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the valid body of " + operation + " is not JSON", e);
            }
        }
        return List.copyOf(rows);
    }

    /** The rules of an object schema at {@code where} (the path of keys and indexes to it in the body). */
    private void object(JsonNode schema, ObjectNode instance, String name, List<Object> where) {
        Set<String> required = names(schema.path("required"));
        for (String field : required) {
            if (instance.has(field)) {
                add("missing " + qualified(name, field), qualified(name, field), where, object -> ((ObjectNode) object).remove(field));
                add(qualified(name, field) + " null", qualified(name, field), where, object -> ((ObjectNode) object).putNull(field));
            }
        }
        if (schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean()) {
            add("unknown field beside " + (name.isEmpty() ? "the body's" : name + "'s"), qualified(name, "unexpectedField"), where,
                    object -> ((ObjectNode) object).put("unexpectedField", 1));
        }
        schema.path("properties").properties().forEach(property ->
                value(property.getValue(), instance.get(property.getKey()), qualified(name, property.getKey()), where, property.getKey()));
    }

    /** The rules of one property's schema; {@code present} is its value in the valid body, if any. */
    private void value(JsonNode schema, @Nullable JsonNode present, String name, List<Object> where, String field) {
        Set<String> types = names(schema.path("type"));
        if (!types.isEmpty()) {
            for (JsonNode wrong : WRONG_TYPES) {
                if (!takes(types, wrong)) {
                    set(name + " = " + wrong, name, where, field, wrong);
                }
            }
        }
        if (schema.has("minimum") && types.contains("integer")) {
            set(name + " below its minimum", name, where, field, NODES.numberNode(schema.path("minimum").bigIntegerValue().subtract(BigInteger.ONE)));
        }
        if (schema.has("maximum") && types.contains("integer")) {
            set(name + " above its maximum", name, where, field, NODES.numberNode(schema.path("maximum").bigIntegerValue().add(BigInteger.ONE)));
        }
        if (schema.path("minLength").asInt() > 1) {
            set(name + " shorter than " + schema.path("minLength").asInt(), name, where, field,
                    NODES.textNode("x".repeat(schema.path("minLength").asInt() - 1)));
        }
        if (schema.has("maxLength")) {
            int max = schema.path("maxLength").asInt();
            set(name + " over " + max + " characters of SQL metacharacters", name, where, field,
                    NODES.textNode(BadInputTable.SQL.repeat(max / BadInputTable.SQL.length() + 1)));
        }
        if (schema.has("pattern")) {
            Pattern pattern = Pattern.compile(schema.path("pattern").asText());
            OFF_PATTERN.stream().filter(text -> !pattern.matcher(text).find()).findFirst().ifPresent(text ->
                    set(name + " off its pattern: " + text, name, where, field, NODES.textNode(text)));
        }
        if (types.contains("array")) {
            array(schema, present, name, where, field);
        }
        if (types.contains("object") && present != null && present.isObject()) {
            object(schema, (ObjectNode) present, name, append(where, field));
        }
    }

    private void array(JsonNode schema, @Nullable JsonNode present, String name, List<Object> where, String field) {
        if (schema.path("minItems").asInt() > 0) {
            set(name + " empty", name, where, field, NODES.arrayNode());
        }
        if (present == null || present.isEmpty()) {
            return;
        }
        if (schema.has("maxItems")) {
            ArrayNode tooMany = NODES.arrayNode();
            for (int i = 0; i <= schema.path("maxItems").asInt(); i++) {
                tooMany.add(present.get(0).deepCopy());
            }
            set(name + " over " + schema.path("maxItems").asInt() + " entries", name, where, field, tooMany);
        }
        JsonNode items = schema.path("items");
        List<Object> first = append(append(where, field), 0);
        if (items.path("type").asText().equals("object") && present.get(0).isObject()) {
            object(items, (ObjectNode) present.get(0), name + "[0]", first);
        } else if (!items.isMissingNode()) {
            List<Object> array = append(where, field);
            value(items, present.get(0), name + "[0]", array, "0");
        }
    }

    // --- rows ----------------------------------------------------------------------------------

    /** A row whose body is the valid one with {@code field} of the object at {@code where} set to {@code value}. */
    private void set(String description, String mentions, List<Object> where, String field, JsonNode value) {
        add(description, mentions, where, container -> {
            if (container instanceof ArrayNode array) {
                array.set(Integer.parseInt(field), value);
            } else {
                ((ObjectNode) container).set(field, value);
            }
        });
    }

    private void add(String description, String mentions, List<Object> where, Consumer<JsonNode> change) {
        ObjectNode body = validBody.deepCopy();
        JsonNode container = body;
        for (Object step : where) {
            container = step instanceof Integer index ? container.get(index) : container.get((String) step);
        }
        change.accept(container);
        rows.add(new BadInput("schema: " + abbreviate(description), caller, operation.method(), valid.pathAndQuery(), body.toString(),
                valid.headers(), 400, mentions));
    }

    // --- helpers -------------------------------------------------------------------------------

    private static boolean takes(Set<String> types, JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> types.contains("string");
            case NUMBER -> types.contains("number") || (value.isIntegralNumber() && types.contains("integer"));
            case BOOLEAN -> types.contains("boolean");
            case ARRAY -> types.contains("array");
            case OBJECT -> types.contains("object");
            default -> true;
        };
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        if (node.isTextual()) {
            names.add(node.asText());
        }
        node.forEach(element -> names.add(element.asText()));
        return names;
    }

    private static String qualified(String name, String field) {
        return name.isEmpty() ? field : name + "." + field;
    }

    private static List<Object> append(List<Object> where, Object step) {
        List<Object> longer = new ArrayList<>(where);
        longer.add(step instanceof String text && text.chars().allMatch(Character::isDigit) ? Integer.valueOf(text) : step);
        return List.copyOf(longer);
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "...(" + text.length() + ")" : text;
    }
}
