package dev.streamcart.loadgen.e2e;

import java.nio.file.Path;
import java.util.Objects;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.localstack.testing.Folders;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform for one end-to-end test class, started by local-stack's launcher from the
 * repository's built modules before the class and closed after it. Every run starts from an empty
 * data folder: ClickHouse keeps its tables in there, and what an earlier run wrote (sales inside the
 * queried hour, say) would be added to this run's figures. Register it as a static field with
 * {@code @RegisterExtension}.
 */
final class PlatformUnderTest implements BeforeAllCallback, AfterAllCallback {

    private final Path data;
    private final String tag;
    private final PlatformOptions options;
    private @Nullable Platform platform;

    private PlatformUnderTest(Path data, String tag, PlatformOptions options) {
        this.data = data;
        this.tag = tag;
        this.options = options;
    }

    /**
     * @param dataFolder the data folder under the module's {@code target}, emptied first
     * @param tag prefixes the launcher's progress lines, e.g. {@code e2e}
     */
    static PlatformUnderTest in(String dataFolder, String tag, PlatformOptions options) {
        return new PlatformUnderTest(Path.of("target", Objects.requireNonNull(dataFolder, "dataFolder")).toAbsolutePath(),
                Objects.requireNonNull(tag, "tag"), Objects.requireNonNull(options, "options"));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Folders.emptied(data);
        Path repository = Path.of("..").toAbsolutePath().normalize();
        platform = Platform.start(new PlatformLayout(repository, data), options,
                message -> System.out.println("[" + tag + "] " + message));
    }

    /** The running platform; only while its test class runs. */
    Platform get() {
        Platform running = platform;
        if (running == null) {
            throw new IllegalStateException("the platform in " + data + " runs only while its test class does");
        }
        return running;
    }

    /** The platform's data folder. */
    Path data() {
        return data;
    }

    /** The API signed in as the launcher's operator account. */
    ApiClient adminApi() {
        Platform running = get();
        return new ApiClient(running.endpoints().apiUrl()).login(running.adminCredentials().email(),
                running.adminCredentials().password());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Platform running = platform;
        platform = null;
        if (running != null) {
            running.close();
        }
    }
}
