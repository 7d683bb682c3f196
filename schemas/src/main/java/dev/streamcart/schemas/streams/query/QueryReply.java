package dev.streamcart.schemas.streams.query;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * One answer of the query layer, independent of the HTTP server that sends it.
 *
 * @param servedBy {@code host:port} of the instance whose store answered; null when no store did
 *        (a bad request, or no owner reachable)
 * @param possiblyStale the answer comes from a standby copy because the key's owner could not be
 *        reached: it may lag the owner by what the standby had not replicated yet
 */
public record QueryReply(int status, String contentType, byte[] body, @Nullable String servedBy, boolean possiblyStale) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public QueryReply {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** An answer of the key's owner (or of no store at all), never stale. */
    public QueryReply(int status, String contentType, byte[] body, @Nullable String servedBy) {
        this(status, contentType, body, servedBy, false);
    }

    /** The same answer, marked as read from a standby copy. */
    public QueryReply markedPossiblyStale() {
        return new QueryReply(status, contentType, body, servedBy, true);
    }

    /** 200 with {@code record} as Avro binary when the request asks for it, else Avro's JSON encoding. */
    public static <T extends SpecificRecord> QueryReply ok(QueryRequest request, T record, String servedBy) {
        return request.wantsAvro()
                ? new QueryReply(200, QueryHeaders.AVRO_BINARY, AvroBodies.encode(record), servedBy)
                : new QueryReply(200, QueryHeaders.JSON, AvroBodies.encodeJson(record), servedBy);
    }

    /** 200 with an Avro array of {@code type}, binary when the request asks for it, else JSON. */
    public static <T extends SpecificRecord> QueryReply okList(QueryRequest request, List<T> records, Class<T> type,
            String servedBy) {
        return request.wantsAvro()
                ? new QueryReply(200, QueryHeaders.AVRO_BINARY, AvroBodies.encodeList(records, type), servedBy)
                : new QueryReply(200, QueryHeaders.JSON, AvroBodies.encodeJsonList(records, type), servedBy);
    }

    /** 200 with a JSON body the caller wrote, for answers that keep a JSON shape of their own. */
    public static QueryReply okJson(byte[] json, String servedBy) {
        return new QueryReply(200, QueryHeaders.JSON, json, servedBy);
    }

    /** 404 from the owner's store: the key is not known (yet). */
    public static QueryReply notFound(String detail, String servedBy) {
        return problem(404, "Not Found", detail, servedBy);
    }

    public static QueryReply badRequest(String detail) {
        return problem(400, "Bad Request", detail, null);
    }

    /** 503: try again shortly (the server adds {@code Retry-After: 1}). */
    public static QueryReply unavailable(String detail) {
        return problem(503, "Service Unavailable", detail, null);
    }

    /** An RFC 9457 problem body, as everywhere else in the platform. */
    public static QueryReply problem(int status, String title, String detail, @Nullable String servedBy) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        try {
            return new QueryReply(status, QueryHeaders.PROBLEM_JSON, JSON.writeValueAsBytes(problem), servedBy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem body", e);
        }
    }

    /** The body as text, for logs and tests. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
