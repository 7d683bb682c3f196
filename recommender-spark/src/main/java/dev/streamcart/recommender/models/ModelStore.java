package dev.streamcart.recommender.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The models folder (contract 5): one folder per version, complete once it holds {@code _SUCCESS},
 * and {@code CURRENT} naming the promoted version.
 */
public final class ModelStore {

    public static final String SUCCESS_MARKER = "_SUCCESS";
    public static final String CURRENT = "CURRENT";
    public static final String MODEL_JSON = "model.json";
    public static final String USER_FACTORS = "user-factors.tsv";
    public static final String ITEM_FACTORS = "item-factors.tsv";
    public static final String POPULAR = "popular.tsv";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    public ModelStore(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath();
    }

    public Path folder() {
        return folder;
    }

    public Path versionFolder(String version) {
        if (!ModelVersion.isVersionName(version)) {
            throw new IllegalArgumentException("not a model version name: '" + version + "'");
        }
        return folder.resolve(version);
    }

    /** A new, not yet existing version folder named after {@code trainedAt} (a millisecond later if taken). */
    public String newVersionName(Instant trainedAt) {
        Instant at = trainedAt;
        while (Files.exists(folder.resolve(ModelVersion.nameFor(at)))) {
            at = at.plusMillis(1);
        }
        return ModelVersion.nameFor(at);
    }

    /** Every version folder, complete or not, oldest first. */
    public List<String> versions() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(ModelVersion::isVersionName)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list models in " + folder, e);
        }
    }

    public boolean isComplete(String version) {
        return Files.isRegularFile(versionFolder(version).resolve(SUCCESS_MARKER));
    }

    public Optional<String> newestComplete() {
        return versions().stream().filter(this::isComplete).max(Comparator.naturalOrder());
    }

    public Optional<String> current() {
        Path current = folder.resolve(CURRENT);
        if (!Files.isRegularFile(current)) {
            return Optional.empty();
        }
        try {
            String name = Files.readString(current, StandardCharsets.UTF_8).strip();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + current, e);
        }
    }

    public ModelDescription description(String version) {
        Path json = versionFolder(version).resolve(MODEL_JSON);
        try {
            return JSON.readValue(json.toFile(), ModelDescription.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
    }

    /**
     * Makes {@code version} the served one: {@code CURRENT} is written to a temporary file and
     * renamed over the old one, so a reader sees either the old name or the new, never half a name.
     */
    public void promote(String version) {
        if (!Files.isDirectory(versionFolder(version))) {
            throw new IllegalArgumentException("no model version " + version + " in " + folder);
        }
        if (!isComplete(version)) {
            throw new IllegalArgumentException("model version " + version + " is incomplete (no " + SUCCESS_MARKER + ")");
        }
        Path target = folder.resolve(CURRENT);
        try {
            Path temporary = Files.createTempFile(folder, CURRENT + ".", ".tmp");
            try {
                Files.writeString(temporary, version + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the models folder's file system cannot rename atomically", e);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    static void writeJson(Path file, Object value) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
    }
}
