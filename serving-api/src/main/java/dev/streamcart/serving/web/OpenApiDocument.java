package dev.streamcart.serving.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.javalin.http.Context;

/** Serves the hand-written OpenAPI 3.1 document ({@code src/main/resources/openapi.yaml}). */
public final class OpenApiDocument {

    public static final String RESOURCE = "/openapi.yaml";

    private final String yaml;

    public OpenApiDocument() {
        this.yaml = text();
    }

    /** The document in the jar, as served. */
    static String text() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void get(Context ctx) {
        ctx.contentType("application/yaml").result(yaml);
    }
}
