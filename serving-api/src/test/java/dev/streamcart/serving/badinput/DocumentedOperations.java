package dev.streamcart.serving.badinput;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcart.serving.badinput.DocumentedOperation.Body;
import dev.streamcart.serving.badinput.DocumentedOperation.Owner;
import dev.streamcart.serving.badinput.DocumentedOperation.Parameter;
import dev.streamcart.serving.web.OpenApiContract;

/**
 * Reads every operation of {@code openapi.yaml}, in the document's order, into
 * {@link DocumentedOperation}s. An operation whose access is not stated ({@code security} missing,
 * or {@code x-roles} / {@code x-owner} missing on an authenticated one) is refused here, so neither
 * the matrix nor the fuzzer can guess.
 */
final class DocumentedOperations {

    private static final int MAX_DEPTH = 30;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private final JsonNode document;

    private DocumentedOperations(JsonNode document) {
        this.document = document;
    }

    static List<DocumentedOperation> load() {
        return new DocumentedOperations(OpenApiContract.load().document()).all();
    }

    private List<DocumentedOperation> all() {
        List<DocumentedOperation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    operations.add(operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), method.getValue()));
                }
            }
        }
        return operations;
    }

    private DocumentedOperation operation(String method, String path, JsonNode operation) {
        String name = method + " " + path;
        JsonNode security = operation.path("security");
        if (!security.isArray()) {
            throw new IllegalStateException(name + " states no 'security' ([] when public)");
        }
        List<String> schemes = new ArrayList<>();
        security.forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
        Set<String> roles = new LinkedHashSet<>();
        operation.path("x-roles").forEach(role -> roles.add(role.asText()));
        Owner owner = Owner.NONE;
        int refusal = 0;
        if (!schemes.isEmpty()) {
            if (roles.isEmpty() || !operation.has("x-owner")) {
                throw new IllegalStateException(name + " is authenticated but states no 'x-roles' or 'x-owner'");
            }
            owner = Owner.parse(operation.path("x-owner").asText());
            refusal = operation.path("x-owner-refusal").asInt(owner.refusal());
        }
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode declared : operation.path("parameters")) {
            JsonNode parameter = resolve(declared);
            parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                    parameter.path("required").asBoolean(false), inline(parameter.path("schema"), 0)));
        }
        Body body = null;
        JsonNode requestBody = resolve(operation.path("requestBody"));
        if (!requestBody.isMissingNode()) {
            Map.Entry<String, JsonNode> media = requestBody.path("content").properties().iterator().next();
            body = new Body(media.getKey(), requestBody.path("required").asBoolean(false), inline(media.getValue().path("schema"), 0));
        }
        return new DocumentedOperation(method, path, schemes, roles, owner, refusal, parameters, body);
    }

    /** Follows {@code $ref}s (all of them point into {@code #/components}) until a node that is not one. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            JsonNode target = document;
            for (String segment : current.path("$ref").asText().substring(2).split("/")) {
                target = target.path(segment.replace("~1", "/").replace("~0", "~"));
            }
            current = target;
        }
        return current;
    }

    /** A copy of a schema with every {@code $ref} in it replaced by its target (request schemas are not recursive). */
    private JsonNode inline(JsonNode schema, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("a request schema nests deeper than " + MAX_DEPTH + " levels: " + schema);
        }
        JsonNode resolved = resolve(schema);
        if (resolved.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : resolved.properties()) {
                copy.set(field.getKey(), inline(field.getValue(), depth + 1));
            }
            return copy;
        }
        if (resolved.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            resolved.forEach(element -> copy.add(inline(element, depth + 1)));
            return copy;
        }
        return resolved;
    }
}
