package dev.streamcart.serving.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.ServingApi;

/**
 * The hand-written {@code openapi.yaml} as a contract real responses are held to: the status must
 * be declared for the operation, the content type must be the declared one, and a JSON body must
 * validate against the declared schema with a JSON Schema 2020-12 validator (networknt), the
 * dialect of OpenAPI 3.1 schemas. Every {@code $ref} in the document points into
 * {@code #/components}, so each declared schema is validated as a root that carries the
 * document's components.
 */
public final class OpenApiContract {

    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** The document in the jar, as the server serves it. */
    public static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
            return new OpenApiContract(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Every documented operation, as (METHOD, path template). */
    public List<ServingApi.Route> operations() {
        List<ServingApi.Route> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method ->
                operations.add(new ServingApi.Route(method.toUpperCase(Locale.ROOT), path.getKey()))));
        return operations;
    }

    /** Where {@code response}, the answer to {@code method path}, breaks the document; empty when it conforms. */
    public List<String> violations(String method, String path, ApiClient.Response response) {
        List<String> violations = new ArrayList<>();
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            return List.of(method + " " + path + " is not documented");
        }
        JsonNode declared = operation.path("responses").path(Integer.toString(response.status()));
        if (declared.isMissingNode()) {
            return List.of(method + " " + path + " does not declare status " + response.status());
        }
        declared = resolve(declared);
        JsonNode content = declared.path("content");
        String mediaType = response.contentType().split(";")[0].trim();
        if (content.isMissingNode() || content.isEmpty()) {
            if (!response.body().isEmpty()) {
                violations.add("status " + response.status() + " declares no body, but one came: " + response.body());
            }
            return violations;
        }
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            return List.of("content type " + mediaType + " is not declared for " + response.status() + " (declared: "
                    + iterableNames(content) + ")");
        }
        if (!mediaType.endsWith("json")) {
            return violations;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return List.of("the body is not JSON: " + response.body());
        }
        Set<ValidationMessage> messages = schemaOf(media.path("schema")).validate(body);
        messages.forEach(message -> violations.add(message.getMessage()));
        return violations;
    }

    private JsonSchema schemaOf(JsonNode declaredSchema) {
        return schemas.computeIfAbsent(declaredSchema.toString(), key -> {
            ObjectNode root = declaredSchema.deepCopy();
            root.put("$schema", DIALECT);
            root.set("components", document.path("components"));
            return factory.getSchema(root, config);
        });
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            JsonNode target = document;
            for (String segment : node.path("$ref").asText().substring(2).split("/")) {
                target = target.path(segment.replace("~1", "/").replace("~0", "~"));
            }
            node = target;
        }
        return node;
    }

    private static List<String> iterableNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
