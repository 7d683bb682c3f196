package dev.streamcart.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/**
 * Client of the Confluent schema-registry REST API (the subset every compatible registry serves:
 * register, look up by id, test compatibility). Ids and schemas are cached forever: an id never
 * changes its schema.
 */
public final class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    // Serializers pass the same Schema instance for every record: finding it by identity first
    // avoids rendering the schema to JSON per record (a third of the per-record cost in a profile).
    private final Map<SubjectAndInstance, Integer> idsBySchemaInstance = new ConcurrentHashMap<>();

    /** A subject and one Schema object, compared by identity. */
    private record SubjectAndInstance(String subject, Schema schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SubjectAndInstance that && that.schema == schema && that.subject.equals(subject);
        }

        @Override
        public int hashCode() {
            return 31 * subject.hashCode() + System.identityHashCode(schema);
        }
    }

    public SchemaRegistryClient(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUri.toString();
    }

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    public int register(String subject, Schema schema) {
        SubjectAndInstance instance = new SubjectAndInstance(subject, schema);
        Integer known = idsBySchemaInstance.get(instance);
        if (known != null) {
            return known;
        }
        String cacheKey = subject + '\u0000' + schema.toString();
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            idsBySchemaInstance.putIfAbsent(instance, cached);
            return cached;
        }
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        JsonNode response = send("POST", "subjects/" + encode(subject) + "/versions", body);
        int id = response.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException(500, "registry answered without an id: " + response);
        }
        schemasById.putIfAbsent(id, schema);
        idsBySubjectAndSchema.put(cacheKey, id);
        idsBySchemaInstance.putIfAbsent(instance, id);
        return id;
    }

    /** The schema with global id {@code id}. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("GET", "schemas/ids/" + id, null);
        Schema schema = new Schema.Parser().parse(response.path("schema").asText());
        schemasById.put(id, schema);
        return schema;
    }

    /** Whether {@code schema} may be registered as the next version of {@code subject}. */
    public boolean isCompatible(String subject, Schema schema) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        try {
            JsonNode response = send("POST", "compatibility/subjects/" + encode(subject) + "/versions/latest", body);
            return response.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                return true;
            }
            throw e;
        }
    }

    /** Sets the compatibility level of a subject, or the global one when {@code subject} is null. */
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        send("PUT", subject == null ? "config" : "config/" + encode(subject), body);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", CONTENT_TYPE + ", application/json");
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                throw new SchemaRegistryException(response.statusCode(), method + " " + path + ": "
                        + json.path("message").asText(response.body()));
            }
            return json;
        } catch (IOException e) {
            throw new SchemaRegistryException(503, "schema registry at " + baseUri + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(503, "interrupted while calling the schema registry", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
