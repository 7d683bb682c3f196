package dev.streamcart.localstack.registry;

import java.util.Objects;

/** One version of a subject. */
record RegisteredSchema(String subject, int version, int id, String schema) {

    RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
