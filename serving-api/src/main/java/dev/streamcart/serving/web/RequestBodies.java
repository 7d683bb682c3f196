package dev.streamcart.serving.web;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.streamcart.serving.problems.DomainException;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * The request-body rules of {@code openapi.yaml}, enforced: each operation's JSON request-body
 * schema (JSON Schema 2020-12, with its {@code $ref}s into {@code components}) is compiled once, at
 * start, and every body is checked against it before a use case sees it. The document is the only
 * statement of required fields, types, ranges, lengths, patterns, array sizes and unknown fields;
 * {@link JsonBody} then reads values that are known to have that shape.
 *
 * <p>Two rules of the document are read, not enforced here, because the domain decides them:
 * {@code enum} (codes such as a payment method or an address type are parsed by their own types,
 * case-insensitively, and some unknown codes are a 422 rather than a 400) and {@code format} (an
 * annotation in 2020-12; e-mail addresses and URLs are checked by their own types). A property whose
 * value is {@code null} reads as absent, as the document's introduction says.
 */
public final class RequestBodies {

    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    /** Members whose values are maps from names to schemas, not schemas themselves. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "dependentSchemas", "$defs", "schemas");

    private final ObjectMapper json;
    private final Map<String, JsonSchema> schemasByOperation;

    /** The rules of the document in the jar, for bodies read with {@code json}'s settings. */
    public RequestBodies(ObjectMapper json) {
        this(json, readDocument());
    }

    RequestBodies(ObjectMapper json, JsonNode document) {
        this.json = Objects.requireNonNull(json, "json");
        this.schemasByOperation = compile(document);
    }

    /** The body of {@code ctx}, checked against the request-body schema of {@code operationId}. */
    public JsonBody read(Context ctx, String operationId) {
        return read(operationId, ctx.body());
    }

    /** An absent or blank body reads as {@code {}}, for operations whose body is optional. */
    public JsonBody readOptional(Context ctx, String operationId) {
        String body = ctx.body();
        return read(operationId, body == null || body.isBlank() ? "{}" : body);
    }

    public JsonBody read(String operationId, @Nullable String body) {
        JsonSchema schema = schemasByOperation.get(operationId);
        if (schema == null) {
            throw new IllegalArgumentException("openapi.yaml has no JSON request body for operation " + operationId);
        }
        ObjectNode object = parse(body);
        Set<ValidationMessage> violations = schema.validate(withoutNullProperties(object));
        if (!violations.isEmpty()) {
            throw refusal(violations.iterator().next());
        }
        return new JsonBody(object, "");
    }

    private ObjectNode parse(@Nullable String body) {
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
        return (ObjectNode) parsed;
    }

    // Jackson appends "(start marker at [Source: ...])" notes that only confuse a client.
    private static String withoutSourceNote(String message) {
        int note = message.indexOf(" (start marker");
        if (note < 0) {
            note = message.indexOf("\n");
        }
        return note < 0 ? message : message.substring(0, note);
    }

    // --- the one place a schema violation becomes a problem ------------------------------------

    /** A 400 whose detail names the field as clients know it ({@code items[0].quantity}) and the rule it breaks. */
    static DomainException refusal(ValidationMessage violation) {
        JsonNode rule = violation.getSchemaNode();
        String location = fieldName(violation.getInstanceLocation());
        String keyword = violation.getType();
        return switch (keyword) {
            case "required" -> invalid(child(location, violation.getProperty()), "is required");
            case "additionalProperties", "unevaluatedProperties" ->
                    invalid(child(location, violation.getProperty()), "is not a field of this request");
            case "type" -> invalid(location, "must be " + typeNames(rule));
            case "minimum" -> invalid(location, "must be at least " + number(rule));
            case "maximum" -> invalid(location, "must be at most " + number(rule));
            case "exclusiveMinimum" -> invalid(location, "must be more than " + number(rule));
            case "exclusiveMaximum" -> invalid(location, "must be less than " + number(rule));
            case "minLength" -> invalid(location, "must be at least " + rule.asInt() + " characters");
            case "maxLength" -> invalid(location, "must be at most " + rule.asInt() + " characters");
            case "minItems" -> invalid(location, rule.asInt() == 1 ? "must be a non-empty array"
                    : "must have at least " + rule.asInt() + " entries");
            case "maxItems", "maxProperties" -> invalid(location, "must have at most " + rule.asInt() + " entries");
            case "pattern" -> invalid(location, "must match " + rule.asText());
            default -> invalid(location, "is not valid: " + violation.getMessage());
        };
    }

    private static DomainException invalid(String field, String rule) {
        return DomainException.invalidInput(field.isEmpty() ? "the request body " + rule : "'" + field + "' " + rule);
    }

    private static String fieldName(JsonNodePath path) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                name.append('[').append(index).append(']');
            } else {
                name.append(name.length() == 0 ? "" : ".").append(element);
            }
        }
        return name.toString();
    }

    private static String child(String location, @Nullable String property) {
        String name = property == null ? "" : property;
        return location.isEmpty() ? name : location + "." + name;
    }

    private static String typeNames(JsonNode rule) {
        if (!rule.isArray()) {
            return typeName(rule.asText());
        }
        StringBuilder names = new StringBuilder();
        for (JsonNode type : rule) {
            if (!type.asText().equals("null")) {
                names.append(names.length() == 0 ? "" : " or ").append(typeName(type.asText()));
            }
        }
        return names.toString();
    }

    private static String typeName(String type) {
        return switch (type) {
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "string" -> "a string";
            case "boolean" -> "true or false";
            case "array" -> "an array";
            case "object" -> "an object";
            default -> type;
        };
    }

    private static String number(JsonNode rule) {
        return rule.isNumber() ? new BigDecimal(rule.asText()).toPlainString() : rule.asText();
    }

    // --- building the validators ---------------------------------------------------------------

    private static JsonNode readDocument() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(OpenApiDocument.text());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(OpenApiDocument.RESOURCE + " is not valid YAML", e);
        }
    }

    private static Map<String, JsonSchema> compile(JsonNode document) {
        JsonNode rules = document.deepCopy();
        removeEnums(rules);
        // the document's components sit beside each operation's schema, for its $refs, and are no keyword to warn about
        JsonMetaSchema dialect = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .keyword(new NonValidationKeyword("components"))
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
                .metaSchema(dialect)
                .build();
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
        Map<String, JsonSchema> schemas = new HashMap<>();
        rules.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode schema = operation.getValue().path("requestBody").path("content").path("application/json").path("schema");
            if (schema.isMissingNode()) {
                return;
            }
            String operationId = operation.getValue().path("operationId").asText();
            ObjectNode root = schema.deepCopy();
            root.put("$schema", DIALECT);
            root.set("components", rules.path("components"));
            JsonSchema compiled = factory.getSchema(root, config);
            compiled.initializeValidators();
            schemas.put(operationId, compiled);
        }));
        return Map.copyOf(schemas);
    }

    /** Drops every {@code enum} of a schema tree, at any depth; the names of properties are kept, whatever they are. */
    private static void removeEnums(JsonNode schema) {
        if (schema.isArray()) {
            schema.forEach(RequestBodies::removeEnums);
        } else if (schema.isObject()) {
            ((ObjectNode) schema).remove("enum");
            schema.properties().forEach(member -> {
                if (SCHEMA_MAPS.contains(member.getKey())) {
                    member.getValue().forEach(RequestBodies::removeEnums);
                } else {
                    removeEnums(member.getValue());
                }
            });
        }
    }

    /** A body whose null-valued properties are left out, at any depth: {@code null} means absent. */
    private static JsonNode withoutNullProperties(ObjectNode body) {
        if (!hasNullProperty(body)) {
            return body;
        }
        ObjectNode copy = body.deepCopy();
        removeNullProperties(copy);
        return copy;
    }

    private static boolean hasNullProperty(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<JsonNode> values = node.elements(); values.hasNext(); ) {
                JsonNode value = values.next();
                if (value.isNull() || hasNullProperty(value)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (hasNullProperty(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void removeNullProperties(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<JsonNode> values = node.elements(); values.hasNext(); ) {
                JsonNode value = values.next();
                if (value.isNull()) {
                    values.remove();
                } else {
                    removeNullProperties(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(RequestBodies::removeNullProperties);
        }
    }
}
