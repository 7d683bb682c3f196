package dev.streamcart.localstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {

    @Test
    void whatTheLauncherWritesIsWhatStatusReads(@TempDir Path run) {
        ProcessTable table = new ProcessTable(run);
        long self = ProcessHandle.current().pid();

        table.put(new ProcessTable.Entry("kafka-1", "kafka broker", self, "127.0.0.1:9092"));
        table.put(new ProcessTable.Entry("serving-api-1", "serving-api", self, "http://127.0.0.1:7001"));
        table.put(new ProcessTable.Entry("kafka-1", "kafka broker", self, "127.0.0.1:9093"));
        table.remove("serving-api-1");

        assertThat(ProcessTable.read(run)).containsExactly(new ProcessTable.Entry("kafka-1", "kafka broker", self, "127.0.0.1:9093"));
        assertThat(ProcessTable.read(run).get(0).alive()).isTrue();
        table.delete();
        assertThat(ProcessTable.read(run)).isEmpty();
    }
}
