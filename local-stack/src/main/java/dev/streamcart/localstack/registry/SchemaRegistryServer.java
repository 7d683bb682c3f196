package dev.streamcart.localstack.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streamcart.localstack.infra.FreePorts;
import org.jspecify.annotations.Nullable;

/**
 * A Confluent-compatible schema registry (the REST subset that serializers and operators use):
 * register and look up schemas, versions per subject, schemas by global id, compatibility tests and
 * configuration. Avro only. Compatibility defaults to BACKWARD. State lives in a compacted Kafka
 * topic, so it survives restarts. Production uses Apicurio's or Confluent's registry instead;
 * clients see the same API.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    static {
        // Without TCP_NODELAY the JDK server answers small requests ~40 ms late (Nagle + delayed ACK).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpServer server;
    private final ExecutorService executor;
    private final SchemaStore store;

    private SchemaRegistryServer(HttpServer server, ExecutorService executor, SchemaStore store) {
        this.server = server;
        this.executor = executor;
        this.store = store;
    }

    public static SchemaRegistryServer start(String bootstrapServers, int port) {
        SchemaStore store = new SchemaStore(bootstrapServers);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port > 0 ? port : FreePorts.next()), 64);
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "schema-registry-http");
                thread.setDaemon(true);
                return thread;
            });
            SchemaRegistryServer registry = new SchemaRegistryServer(server, executor, store);
            server.createContext("/", registry::handle);
            server.setExecutor(executor);
            server.start();
            return registry;
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("cannot start the schema registry", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            JsonNode response = route(exchange.getRequestMethod(), pathSegments(exchange), readBody(exchange));
            respond(exchange, 200, response);
        } catch (RegistryException e) {
            respond(exchange, e.httpStatus(), JSON.createObjectNode().put("error_code", e.errorCode()).put("message", e.getMessage()));
        } catch (JsonProcessingException e) {
            respond(exchange, 422, JSON.createObjectNode().put("error_code", 42201).put("message", "malformed JSON body"));
        } catch (RuntimeException e) {
            respond(exchange, 500, JSON.createObjectNode().put("error_code", 50001).put("message", String.valueOf(e.getMessage())));
        }
    }

    private JsonNode route(String method, List<String> path, @Nullable JsonNode body) {
        int size = path.size();
        String first = size > 0 ? path.get(0) : "";
        if ("GET".equals(method) && size == 0) {
            return JSON.createObjectNode();
        }
        if ("subjects".equals(first)) {
            if ("GET".equals(method) && size == 1) {
                return JSON.valueToTree(store.subjects());
            }
            String subject = path.get(1);
            if ("POST".equals(method) && size == 2) {
                RegisteredSchema found = store.lookup(subject, schemaText(body));
                if (found == null) {
                    throw new RegistryException(404, 40403, "Schema not found");
                }
                return describe(found);
            }
            if (size >= 3 && "versions".equals(path.get(2))) {
                if ("GET".equals(method) && size == 3) {
                    return JSON.valueToTree(store.versions(subject));
                }
                if ("POST".equals(method) && size == 3) {
                    return JSON.createObjectNode().put("id", store.register(subject, schemaText(body)));
                }
                if ("GET".equals(method) && size == 4) {
                    return describe(store.version(subject, path.get(3)));
                }
                if ("GET".equals(method) && size == 5 && "schema".equals(path.get(4))) {
                    return readTree(store.version(subject, path.get(3)).schema());
                }
            }
        }
        if ("schemas".equals(first) && size == 3 && "ids".equals(path.get(1)) && "GET".equals(method)) {
            return JSON.createObjectNode().put("schema", store.schemaById(parseId(path.get(2))));
        }
        if ("compatibility".equals(first) && size == 5 && "POST".equals(method)) {
            return JSON.createObjectNode().put("is_compatible", store.isCompatible(path.get(2), path.get(4), schemaText(body)));
        }
        if ("config".equals(first)) {
            String subject = size == 2 ? path.get(1) : null;
            if ("GET".equals(method)) {
                return JSON.createObjectNode().put("compatibilityLevel", store.levelOf(subject).name());
            }
            if ("PUT".equals(method)) {
                CompatibilityLevel level = CompatibilityLevel.parse(body == null ? "" : body.path("compatibility").asText());
                store.setLevel(subject, level);
                return JSON.createObjectNode().put("compatibility", level.name());
            }
        }
        throw new RegistryException(404, 404, "no such endpoint: " + method + " /" + String.join("/", path));
    }

    private static ObjectNode describe(RegisteredSchema schema) {
        return JSON.createObjectNode().put("subject", schema.subject()).put("version", schema.version())
                .put("id", schema.id()).put("schema", schema.schema());
    }

    private static String schemaText(@Nullable JsonNode body) {
        if (body == null || !body.path("schema").isTextual()) {
            throw new RegistryException(422, 42201, "the body must be {\"schema\": \"<Avro schema as a string>\"}");
        }
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new RegistryException(422, 42201, "only AVRO schemas are supported, got " + type);
        }
        return body.path("schema").asText();
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryException(404, 40403, "Schema " + text + " not found");
        }
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored schema is not JSON", e);
        }
    }

    private static List<String> pathSegments(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawPath();
        return Arrays.stream(raw.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8))
                .toList();
    }

    private static @Nullable JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? null : JSON.readTree(bytes);
        }
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        store.close();
    }
}
