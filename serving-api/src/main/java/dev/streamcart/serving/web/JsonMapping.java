package dev.streamcart.serving.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON settings of the whole API, shared by Javalin, the outbox writer and the problem mapper. */
public final class JsonMapping {

    private JsonMapping() {}

    public static ObjectMapper newObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                // Instants as ISO-8601 text ("2026-11-26T10:01:00Z"), never as numbers
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // money arrives as "19.99" or 19.99; a double would lose cents, so read decimals exactly
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
