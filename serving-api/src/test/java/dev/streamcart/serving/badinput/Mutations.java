package dev.streamcart.serving.badinput;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcart.serving.badinput.DocumentedOperation.Parameter;
import dev.streamcart.serving.photos.TestImages;
import org.jspecify.annotations.Nullable;

/**
 * The fuzz requests of one operation, generated from its description in the document and its
 * {@link ValidRequest}: for every path, query and header parameter, {@link FuzzValues} in its place,
 * and the parameter missing (an empty path segment) or given twice; for every property of the
 * request body, nested ones included, {@link FuzzValues} in its place and the property missing; and
 * for the body as a whole, malformed JSON, a duplicated key, a wrong or missing content type, nesting
 * and numbers beyond the parser's limits, invalid UTF-8 and a body over the size limit.
 */
final class Mutations {

    private static final int PER_FIELD = 9;
    private static final int PER_PARAMETER = 8;
    private static final int MAX_SCHEMA_DEPTH = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DocumentedOperation operation;
    private final ValidRequest valid;
    private final List<String> segments;
    private final List<String> template;
    private final List<String[]> query = new ArrayList<>();
    private final List<FuzzRequest> requests = new ArrayList<>();

    private Mutations(DocumentedOperation operation, ValidRequest valid) {
        this.operation = operation;
        this.valid = valid;
        this.segments = List.of(valid.path().split("/", -1));
        this.template = List.of(operation.path().split("/", -1));
        if (segments.size() != template.size()) {
            throw new IllegalStateException("the valid request of " + operation + " does not follow its path: " + valid.path());
        }
        if (!valid.query().isEmpty()) {
            for (String pair : valid.query().split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                query.add(new String[] {nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : ""});
            }
        }
    }

    static List<FuzzRequest> of(DocumentedOperation operation, ValidRequest valid) {
        Mutations mutations = new Mutations(operation, valid);
        for (Parameter parameter : operation.parameters()) {
            switch (parameter.in()) {
                case "path" -> mutations.pathParameter(parameter);
                case "query" -> mutations.queryParameter(parameter);
                case "header" -> mutations.header(parameter);
                default -> throw new IllegalStateException(operation + ": a parameter in " + parameter.in());
            }
        }
        mutations.unknownQueryParameter();
        if (valid.binaryType() != null) {
            mutations.binaryBody();
        } else if (operation.writes()) {
            mutations.jsonBody();
        }
        return List.copyOf(mutations.requests);
    }

    // --- parameters ----------------------------------------------------------------------------

    private void pathParameter(Parameter parameter) {
        int index = template.indexOf("{" + parameter.name() + "}");
        if (index < 0) {
            throw new IllegalStateException(operation + " documents path parameter " + parameter.name() + " it has not");
        }
        List<String> values = new ArrayList<>(FuzzValues.forParameter(parameter.name(), PER_PARAMETER));
        values.add(""); // an empty segment: the parameter missing
        for (String value : values) {
            List<String> changed = new ArrayList<>(segments);
            changed.set(index, encode(value));
            add("path " + parameter.name() + " = " + shown(value), String.join("/", changed) + queryString(query),
                    valid.headers());
        }
    }

    private void queryParameter(Parameter parameter) {
        String name = parameter.name();
        for (String value : FuzzValues.forParameter(name, PER_PARAMETER)) {
            add("query " + name + " = " + shown(value), valid.path() + queryString(with(query, name, encode(value))),
                    valid.headers());
        }
        add("query " + name + " missing", valid.path() + queryString(without(query, name)), valid.headers());
        List<String[]> twice = new ArrayList<>(query);
        twice.add(new String[] {name, "1"});
        twice.add(new String[] {name, encode("' OR 1=1--")});
        add("query " + name + " given twice", valid.path() + queryString(twice), valid.headers());
    }

    private void header(Parameter parameter) {
        String name = parameter.name();
        List<String> others = withoutHeader(valid.headers(), name);
        for (String value : FuzzValues.forParameter(name, PER_PARAMETER)) {
            List<String> headers = new ArrayList<>(others);
            headers.add(name);
            headers.add(value);
            add("header " + name + " = " + shown(value), valid.pathAndQuery(), headers);
        }
        add("header " + name + " missing", valid.pathAndQuery(), others);
        List<String> twice = new ArrayList<>(others);
        twice.addAll(List.of(name, "fuzz-1", name, "fuzz-2"));
        add("header " + name + " given twice", valid.pathAndQuery(), twice);
    }

    /** Every operation, parameterless ones too: a parameter it does not know, carrying an injection. */
    private void unknownQueryParameter() {
        List<String[]> extra = new ArrayList<>(query);
        extra.add(new String[] {"fuzz", encode("' OR 1=1--<script>\u0000")});
        add("unknown query parameter", valid.path() + queryString(extra), valid.headers());
    }

    // --- bodies --------------------------------------------------------------------------------

    private void jsonBody() {
        String body = valid.body() == null ? "{}" : valid.body();
        ObjectNode base = parse(body);
        if (operation.body() != null) {
            for (List<Object> field : fields(operation.body().schema(), List.of(), 0)) {
                String name = field.stream().map(String::valueOf).reduce((a, b) -> a + "." + b).orElse("");
                for (JsonNode value : FuzzValues.forJsonField(name, PER_FIELD)) {
                    ObjectNode changed = base.deepCopy();
                    setAt(changed, field, value);
                    addJson("body " + name + " = " + shown(value.isTextual() ? value.asText() : value.toString()), write(changed));
                }
                ObjectNode missing = base.deepCopy();
                if (removeAt(missing, field)) {
                    addJson("body " + name + " missing", write(missing));
                }
            }
        }
        String first = base.fieldNames().hasNext() ? base.fieldNames().next() : "a";
        String rest = body.trim().substring(1);
        List<String[]> malformed = List.of(
                new String[] {"empty", ""},
                new String[] {"only {", "{"},
                new String[] {"truncated", body.substring(0, Math.max(1, body.length() / 2))},
                new String[] {"trailing comma", body.replaceFirst("}\\s*$", ",}")},
                new String[] {"single quotes", body.replace('"', '\'')},
                new String[] {"NaN literal", "{\"" + first + "\":NaN," + rest},
                new String[] {"an array", "[" + body + "]"},
                new String[] {"null", "null"},
                new String[] {"a string", "\"" + body.replace("\"", "\\\"") + "\""},
                new String[] {"two documents", body + body},
                new String[] {"byte order mark", "\uFEFF" + body},
                new String[] {"nested 5,000 deep", "{\"" + first + "\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"},
                new String[] {"a 2,000-digit number", "{\"" + first + "\":" + "7".repeat(2_000) + "," + rest},
                new String[] {"a 100,000-character key", "{\"" + "k".repeat(100_000) + "\":1," + rest},
                new String[] {"duplicated key, wrong type last", "{\"" + first + "\":{\"a\":[1]}," + rest.replaceFirst("}\\s*$",
                        (base.size() > 0 ? "," : "") + "\"" + first + "\":[true]}")},
                new String[] {"duplicated key, wrong type first", "{\"" + first + "\":[true]," + rest});
        for (String[] variant : malformed) {
            addJson("body " + variant[0], variant[1]);
        }
        add("body of invalid UTF-8", valid.pathAndQuery(), null, "application/json",
                concat("{\"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF},
                        ("\":1," + rest).getBytes(StandardCharsets.UTF_8)));
        add("body over 1 MB", valid.pathAndQuery(), "{\"" + first + "\":\"" + "x".repeat(1_100_000) + "\"}", "application/json", null);
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=fuzz", "application/json; charset=ebcdic")) {
            add("content type " + type, valid.pathAndQuery(), body, type, null);
        }
        add("no content type", valid.pathAndQuery(), body, null, null);
        add("an XML body", valid.pathAndQuery(), "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
                "application/xml", null);
    }

    private void binaryBody() {
        String type = Objects.requireNonNull(valid.binaryType());
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 64);
        add("binary empty", valid.pathAndQuery(), null, type, new byte[0]);
        add("binary garbage", valid.pathAndQuery(), null, type, "not an image at all".getBytes(StandardCharsets.UTF_8));
        add("binary PNG signature then zeros", valid.pathAndQuery(), null, type, png);
        add("binary as JSON", valid.pathAndQuery(), "{\"photo\":\"x\"}", "application/json", null);
        add("binary as GIF", valid.pathAndQuery(), null, "image/gif", "GIF89a".getBytes(StandardCharsets.UTF_8));
        add("binary without content type", valid.pathAndQuery(), null, null, png);
        add("binary as multipart", valid.pathAndQuery(), null, "multipart/form-data; boundary=fuzz", png);
        add("binary over 5 MiB", valid.pathAndQuery(), null, type, concat(png, new byte[6 * 1024 * 1024]));
    }

    /** Every property of a request schema, nested objects and the first element of arrays of objects included. */
    private static List<List<Object>> fields(JsonNode schema, List<Object> prefix, int depth) {
        List<List<Object>> fields = new ArrayList<>();
        if (depth > MAX_SCHEMA_DEPTH) {
            return fields;
        }
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            schema.path(combinator).forEach(alternative -> fields.addAll(fields(alternative, prefix, depth + 1)));
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            List<Object> path = new ArrayList<>(prefix);
            path.add(property.getKey());
            if (!fields.contains(path)) {
                fields.add(path);
            }
            JsonNode child = property.getValue();
            if (child.has("properties")) {
                fields.addAll(fields(child, path, depth + 1));
            } else if (child.path("items").has("properties")) {
                List<Object> first = new ArrayList<>(path);
                first.add(0);
                fields.addAll(fields(child.path("items"), first, depth + 1));
            }
        }
        return fields;
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The valid body with a changed path, query or headers. */
    private void add(String name, String pathAndQuery, List<String> headers) {
        requests.add(new FuzzRequest(name, pathAndQuery, valid.body(), valid.body() != null ? "application/json"
                : valid.binaryType(), headers, valid.binaryType() != null ? TestImages.png(3) : null));
    }

    private void addJson(String name, String body) {
        add(name, valid.pathAndQuery(), body, "application/json", null);
    }

    private void add(String name, String pathAndQuery, @Nullable String body, @Nullable String contentType,
                     byte @Nullable [] binary) {
        requests.add(new FuzzRequest(name, pathAndQuery, body, contentType, valid.headers(), binary));
    }

    private static void setAt(ObjectNode root, List<Object> path, JsonNode value) {
        JsonNode container = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object segment = path.get(i);
            boolean nextIsIndex = path.get(i + 1) instanceof Integer;
            JsonNode child = segment instanceof Integer index ? container.path(index) : container.path((String) segment);
            if (!(nextIsIndex ? child.isArray() : child.isObject())) {
                child = nextIsIndex ? JSON.createArrayNode() : JSON.createObjectNode();
                if (segment instanceof Integer) {
                    ArrayNode array = (ArrayNode) container;
                    while (array.size() <= (Integer) segment) {
                        array.add(JSON.createObjectNode());
                    }
                    array.set((Integer) segment, child);
                } else {
                    ((ObjectNode) container).set((String) segment, child);
                }
            }
            container = child;
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ArrayNode array = (ArrayNode) container;
            while (array.size() <= index) {
                array.add(JSON.createObjectNode());
            }
            array.set(index, value);
        } else {
            ((ObjectNode) container).set((String) last, value);
        }
    }

    private static boolean removeAt(ObjectNode root, List<Object> path) {
        JsonNode container = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object segment = path.get(i);
            container = segment instanceof Integer index ? container.path(index) : container.path((String) segment);
        }
        Object last = path.get(path.size() - 1);
        return container instanceof ObjectNode object && object.remove((String) last) != null;
    }

    /** The JSON text, with raw literals in place and unpaired surrogates as escapes. */
    private static String write(JsonNode body) {
        try {
            String text = JSON.writeValueAsString(body);
            return text.replaceAll("\"" + FuzzValues.RAW + "([^\"]*)\"", "$1").replace("\uD800", "\\ud800");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode parse(String body) {
        try {
            return (ObjectNode) JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + body, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String queryString(List<String[]> pairs) {
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs.stream().map(pair -> pair[0] + "=" + pair[1]).toList());
    }

    private static List<String[]> with(List<String[]> pairs, String name, String value) {
        List<String[]> changed = without(pairs, name);
        changed.add(new String[] {name, value});
        return changed;
    }

    private static List<String[]> without(List<String[]> pairs, String name) {
        List<String[]> changed = new ArrayList<>();
        pairs.stream().filter(pair -> !pair[0].equals(name)).forEach(changed::add);
        return changed;
    }

    private static List<String> withoutHeader(List<String> headers, String name) {
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < headers.size(); i += 2) {
            if (!headers.get(i).equalsIgnoreCase(name)) {
                changed.add(headers.get(i));
                changed.add(headers.get(i + 1));
            }
        }
        return changed;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }

    private static String shown(String value) {
        String visible = value.replace("\u0000", "\\0").replace("\r", "\\r").replace("\n", "\\n");
        return visible.length() > 30 ? visible.substring(0, 30) + "...(" + value.length() + ")" : visible;
    }
}
