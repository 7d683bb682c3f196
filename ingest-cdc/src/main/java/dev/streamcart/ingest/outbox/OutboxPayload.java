package dev.streamcart.ingest.outbox;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * Reading an outbox row's JSON payload by the rules every aggregate's contract shares: an object,
 * ids and money as integers (never through a floating-point number), and a field that breaks them is
 * an {@link IllegalArgumentException}, which sends the row to the dead-letter topic.
 */
public final class OutboxPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxPayload() {}

    public static JsonNode parse(OutboxRow row) {
        try {
            JsonNode payload = JSON.readTree(row.payload());
            if (payload == null || !payload.isObject()) {
                throw new IllegalArgumentException("payload is not a JSON object");
            }
            return payload;
        } catch (IOException e) {
            throw new IllegalArgumentException("payload is not valid JSON: " + e.getMessage(), e);
        }
    }

    public static long requiredLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' must be an integer, was " + value);
        }
        return value.longValue();
    }

    public static String requiredText(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }

    public static @Nullable Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : requiredLong(node, field);
    }

    public static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
