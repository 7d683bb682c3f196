package dev.streamcart.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.streamcart.schemas.topics.TopicSpec;
import dev.streamcart.schemas.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every topic's value schema must read data written with its released snapshot (BACKWARD). */
class BackwardCompatibilityTest {

    private static final Path BASELINE = Path.of("src/test/resources/compatibility-baseline");

    static List<TopicSpec<?>> topics() {
        return Topics.ALL;
    }

    @ParameterizedTest
    @MethodSource("topics")
    void currentSchemaReadsDataWrittenWithTheReleasedOne(TopicSpec<?> topic) throws IOException {
        Schema current = SpecificData.get().getSchema(topic.valueClass());
        Schema released = baseline(current.getName());
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        assertThat(result.getType())
                .as("%s must stay BACKWARD compatible with its snapshot: %s", current.getFullName(), result.getDescription())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static Schema baseline(String name) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        // named types shared between schemas must be known before the schemas that use them
        for (String shared : List.of("OrderStatus.avsc", "OrderLine.avsc")) {
            try (InputStream in = Files.newInputStream(BASELINE.resolve(shared))) {
                parser.parse(in);
            }
        }
        try (Stream<Path> files = Files.list(BASELINE)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals(name + ".avsc")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    return parser.parse(in);
                }
            }
        }
        throw new AssertionError("no released snapshot for " + name + " in " + BASELINE + ": add one");
    }
}
