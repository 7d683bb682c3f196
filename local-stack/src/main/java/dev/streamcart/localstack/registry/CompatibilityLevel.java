package dev.streamcart.localstack.registry;

import java.util.List;
import java.util.Locale;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** The Confluent compatibility levels, checked with Avro's own reader/writer rules. */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    public static CompatibilityLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RegistryException(422, 42203, "invalid compatibility level '" + text + "'");
        }
    }

    /**
     * Whether {@code candidate} may follow {@code existing} (oldest first). Non-transitive levels
     * look at the latest version only.
     */
    public boolean allows(Schema candidate, List<Schema> existing) {
        if (this == NONE || existing.isEmpty()) {
            return true;
        }
        List<Schema> compared = name().endsWith("_TRANSITIVE") ? existing : List.of(existing.get(existing.size() - 1));
        for (Schema previous : compared) {
            boolean backward = canRead(candidate, previous);
            boolean forward = canRead(previous, candidate);
            boolean ok = switch (this) {
                case BACKWARD, BACKWARD_TRANSITIVE -> backward;
                case FORWARD, FORWARD_TRANSITIVE -> forward;
                case FULL, FULL_TRANSITIVE -> backward && forward;
                case NONE -> true;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }
}
