package dev.streamcart.serving.recommendations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the promoted model version of {@code recommender.models-dir} (contract 5): the version
 * named by {@code CURRENT}, or, while there is no {@code CURRENT}, the newest complete version (a
 * folder holding {@code _SUCCESS}). It re-checks every 2 s and on {@link #refresh()}, loads a new
 * version completely off to the side, and then swaps it in atomically: a request scores against
 * the old model or the new one, never a mix. A version that fails to load is logged and skipped
 * until it changes; the model in service stays.
 */
public final class ModelRepository implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRepository.class);
    public static final String CURRENT = "CURRENT";
    public static final String SUCCESS = "_SUCCESS";
    private static final Pattern VERSION_NAME = Pattern.compile("v\\d{8}-\\d{6}-\\d{3}");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** What a refresh did. */
    public record Refresh(@Nullable String servedVersion, boolean changed, @Nullable String problem) {}

    private final Path modelsDir;
    private final AtomicReference<@Nullable RecommenderModel> current = new AtomicReference<>();
    private final ScheduledExecutorService watcher;
    private @Nullable String failedVersion;

    public ModelRepository(Path modelsDir) {
        this.modelsDir = Objects.requireNonNull(modelsDir, "modelsDir");
        this.watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "model-watcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Loads what is there now, then re-checks every {@code interval}. */
    public ModelRepository start(Duration interval) {
        refresh();
        watcher.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    public @Nullable RecommenderModel current() {
        return current.get();
    }

    /** Re-checks the folder now; serialized with the periodic check. */
    public synchronized Refresh refresh() {
        RecommenderModel served = current.get();
        String servedVersion = served == null ? null : served.version();
        Optional<String> wanted;
        try {
            wanted = wantedVersion();
        } catch (IOException e) {
            return new Refresh(servedVersion, false, "cannot read " + modelsDir + ": " + e.getMessage());
        }
        if (wanted.isEmpty() || wanted.get().equals(servedVersion)) {
            return new Refresh(servedVersion, false, null);
        }
        String version = wanted.get();
        try {
            RecommenderModel model = ModelLoader.load(version, modelsDir.resolve(version));
            current.set(model);
            failedVersion = null;
            LOG.info("serving recommender model {} ({} users, {} items, rank {})", version, model.userCount(),
                    model.itemCount(), model.rank());
            return new Refresh(version, true, null);
        } catch (IOException | RuntimeException e) {
            if (!version.equals(failedVersion)) {
                LOG.warn("cannot load recommender model {}; still serving {}: {}", version, servedVersion, e.toString());
                failedVersion = version;
            }
            return new Refresh(servedVersion, false, "model " + version + " cannot be loaded: " + e.getMessage());
        }
    }

    private void refreshQuietly() {
        try {
            RecommenderModel served = current.get();
            String failed = failedVersion;
            Optional<String> wanted = wantedVersion();
            // a version that failed stays failed until something else is promoted
            if (wanted.isPresent() && !wanted.get().equals(failed)
                    && (served == null || !wanted.get().equals(served.version()))) {
                refresh();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("model check failed: {}", e.toString());
        }
    }

    /** The version that should be served: CURRENT's, else the newest complete one. */
    Optional<String> wantedVersion() throws IOException {
        if (!Files.isDirectory(modelsDir)) {
            return Optional.empty();
        }
        Path pointer = modelsDir.resolve(CURRENT);
        if (Files.exists(pointer)) {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
            if (!SAFE_NAME.matcher(name).matches() || !isComplete(name)) {
                // a promotion that points nowhere complete is ignored, not obeyed
                throw new IOException(CURRENT + " names '" + name + "', which is not a complete model version");
            }
            return Optional.of(name);
        }
        try (Stream<Path> entries = Files.list(modelsDir)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> VERSION_NAME.matcher(name).matches())
                    .filter(this::isComplete)
                    .max(Comparator.naturalOrder());
        }
    }

    private boolean isComplete(String version) {
        return Files.isRegularFile(modelsDir.resolve(version).resolve(SUCCESS));
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
