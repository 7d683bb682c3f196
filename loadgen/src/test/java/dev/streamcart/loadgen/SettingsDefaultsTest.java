package dev.streamcart.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.streamcart.loadgen.behaviour.TrafficProfile;
import dev.streamcart.schemas.config.Settings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SettingsDefaultsTest {

    private static TrafficSimulatorMain parse(Map<String, String> config, String... args) {
        TrafficSimulatorMain main = new TrafficSimulatorMain(Settings.of(config),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        main.commandLine().parseArgs(args);
        return main;
    }

    @Test
    void optionDefaultsApplyWithoutConfiguration() {
        TrafficSimulatorMain main = parse(Map.of());

        assertThat(main.apiUrl).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(main.ordersPerSecond).isEqualTo(5.0);
        assertThat(main.profile).isEqualTo(TrafficProfile.NORMAL);
        assertThat(main.duration).isNull();
        assertThat(main.maxOrders).isZero();
        assertThat(main.dataDir).isEqualTo(Path.of(".platform-data"));
    }

    @Test
    void configurationKeysSupplyDefaults() {
        TrafficSimulatorMain main = parse(Map.of("loadgen.api-url", "http://127.0.0.1:9191",
                "loadgen.orders-per-second", "12.5", "loadgen.profile", "black-friday",
                "platform.data-dir", "/srv/streamcart"));

        assertThat(main.apiUrl).isEqualTo(URI.create("http://127.0.0.1:9191"));
        assertThat(main.ordersPerSecond).isEqualTo(12.5);
        assertThat(main.profile).isEqualTo(TrafficProfile.BLACK_FRIDAY);
        assertThat(main.dataDir).isEqualTo(Path.of("/srv/streamcart"));
    }

    @Test
    void commandLineWinsOverConfiguration() {
        TrafficSimulatorMain main = parse(Map.of("loadgen.api-url", "http://127.0.0.1:9191"),
                "--api-url", "http://127.0.0.1:7070", "--duration", "90s", "--max-orders", "40");

        assertThat(main.apiUrl).isEqualTo(URI.create("http://127.0.0.1:7070"));
        assertThat(main.duration).isEqualTo(Duration.ofSeconds(90));
        assertThat(main.maxOrders).isEqualTo(40);
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(DurationConverter.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationConverter.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationConverter.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void unknownProfileIsRejected() {
        assertThatThrownBy(() -> parse(Map.of(), "--profile", "cyber-monday"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("normal, black-friday");
    }
}
