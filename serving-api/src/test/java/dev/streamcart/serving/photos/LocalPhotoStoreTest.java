package dev.streamcart.serving.photos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.serving.problems.DomainException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalPhotoStoreTest {

    private final Path folder = Path.of("target", "it-data", "LocalPhotoStoreTest").toAbsolutePath();

    @BeforeEach
    void emptyFolder() throws IOException {
        Folders.delete(folder);
    }

    @Test
    void storesBytesUnderTheirSha256FannedOutByTheFirstTwoDigits() throws IOException {
        LocalPhotoStore store = new LocalPhotoStore(folder);
        byte[] png = TestImages.png(3);

        PhotoId id = store.put(png);

        assertThat(id).isEqualTo(PhotoId.of(png));
        Path file = folder.resolve(id.sha256().substring(0, 2)).resolve(id.sha256().substring(2));
        assertThat(file).exists();
        assertThat(Files.readAllBytes(file)).isEqualTo(png);
        assertThat(store.read(id)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(png));
    }

    @Test
    void theSameBytesAreStoredOnce() throws IOException {
        LocalPhotoStore store = new LocalPhotoStore(folder);
        byte[] jpeg = TestImages.jpeg(5);

        PhotoId first = store.put(jpeg);
        PhotoId second = store.put(jpeg.clone());
        store.put(TestImages.jpeg(6));

        assertThat(second).isEqualTo(first);
        assertThat(files()).hasSize(2);
    }

    @Test
    void anUnknownPhotoIsEmptyAndAMalformedNameIsRefused() {
        LocalPhotoStore store = new LocalPhotoStore(folder);

        assertThat(store.read(PhotoId.of(new byte[] {1, 2, 3}))).isEmpty();
        assertThatThrownBy(() -> new PhotoId("../../etc/passwd")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> new PhotoId("AB".repeat(32))).isInstanceOf(DomainException.class);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
