package dev.streamcart.schemas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BenchmarkCommandTest {

    @Test
    void argumentsAreQuotedOnlyWhereTheShellNeedsIt() {
        assertThat(BenchmarkCommand.quoted("--results")).isEqualTo("--results");
        assertThat(BenchmarkCommand.quoted("loadgen/target/x.json")).isEqualTo("loadgen/target/x.json");
        assertThat(BenchmarkCommand.quoted("two words")).isEqualTo("'two words'");
        assertThat(BenchmarkCommand.quoted("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void theCommandNamesTheClasspathTheMainClassAndTheArguments() {
        String command = BenchmarkCommand.of(BenchmarkCommand.testClasspath("inventory-streams"), BenchmarkCommandTest.class,
                List.of("--smoke", "a b"));

        assertThat(command).startsWith("java ")
                .contains(" -cp \"inventory-streams/target/test-classes:inventory-streams/target/classes:"
                        + "$(cat inventory-streams/target/bench.classpath)\" ")
                .endsWith(BenchmarkCommandTest.class.getName() + " --smoke 'a b'");
    }
}
