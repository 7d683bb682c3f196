package dev.streamcart.localstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LoadBalancerTest {

    @Test
    void theConfigurationChecksLivenessRetriesElsewhereAndAnswers503AsProblemJson() {
        String configuration = LoadBalancer.configuration(18080, List.of(7001, 7002), Path.of("/data/503.http"));

        assertThat(configuration)
                .contains("bind 127.0.0.1:18080")
                .contains("option httpchk GET /health/live")
                .contains("retry-on conn-failure empty-response")
                .contains("option redispatch")
                .contains("errorfile 502 /data/503.http")
                .contains("server serving-api-1 127.0.0.1:7001 check")
                .contains("server serving-api-2 127.0.0.1:7002 check")
                .contains("server serving-api-1-backup 127.0.0.1:7001 backup")
                .contains("option allbackups");
    }
}
