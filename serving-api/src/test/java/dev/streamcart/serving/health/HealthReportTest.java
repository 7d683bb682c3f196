package dev.streamcart.serving.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.serving.web.JsonMapping;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    private static final ObjectMapper JSON = JsonMapping.newObjectMapper();

    private static final List<HealthCheck> CHECKS = List.of(
            new HealthCheck("postgres", true, () -> {
                throw new IllegalStateException("FATAL: password authentication failed for user \"streamcart\""
                        + " at 10.1.2.3:5432");
            }),
            new HealthCheck("clickhouse", true, () -> ComponentHealth.down("no answer to ping at http://10.1.2.4:8123")),
            new HealthCheck("recommender", false, () -> ComponentHealth.up("model v20261207-120000-000")));

    @Test
    void withoutDetailKeepsEveryPartAndItsStatusAndNothingElse() throws Exception {
        HealthReport report = HealthReport.of(CHECKS);

        JsonNode summary = JSON.readTree(JSON.writeValueAsString(report.withoutDetail()));

        assertThat(summary).isEqualTo(JSON.readTree("""
                {"status": "DOWN", "components": {
                  "postgres": {"status": "DOWN"}, "clickhouse": {"status": "DOWN"}, "recommender": {"status": "UP"}}}"""));
    }

    @Test
    void theFullReportStillSaysWhyForOperators() throws Exception {
        String full = JSON.writeValueAsString(HealthReport.of(CHECKS));

        assertThat(full).contains("password authentication failed").contains("10.1.2.4:8123")
                .contains("v20261207-120000-000");
    }
}
