package dev.streamcart.serving.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.idempotency.StoredResponse;
import io.javalin.http.Context;

/** Builds responses that can be stored for idempotent replay, and sends them. */
public final class Responses {

    public static final String JSON = "application/json";

    private Responses() {}

    public static StoredResponse json(ObjectMapper json, int status, Object body) {
        try {
            return new StoredResponse(status, JSON, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + body.getClass().getSimpleName(), e);
        }
    }

    public static void send(Context ctx, StoredResponse response) {
        ctx.status(response.status()).contentType(response.contentType()).result(response.body());
    }
}
