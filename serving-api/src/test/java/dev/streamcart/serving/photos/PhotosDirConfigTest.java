package dev.streamcart.serving.photos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.serving.ServingApiConfig;
import org.junit.jupiter.api.Test;

class PhotosDirConfigTest {

    private static final Map<String, String> BASE = Map.of(CommonKeys.JDBC_URL, "jdbc:postgresql://127.0.0.1:1/x");

    @Test
    void photosDirWinsThenTheDataDirThenTheWorkingFolder() {
        Settings explicit = Settings.of(BASE).with(Map.of(ServingApiConfig.PHOTOS_DIR, "/srv/photos",
                CommonKeys.DATA_DIR, "/var/streamcart"));
        Settings dataDir = Settings.of(BASE).with(Map.of(CommonKeys.DATA_DIR, "/var/streamcart"));

        assertThat(ServingApiConfig.from(explicit).photosDir()).isEqualTo(Path.of("/srv/photos"));
        assertThat(ServingApiConfig.from(dataDir).photosDir()).isEqualTo(Path.of("/var/streamcart", "photos"));
        assertThat(ServingApiConfig.from(Settings.of(BASE)).photosDir()).isEqualTo(Path.of("photos"));
    }
}
