package dev.streamcart.recommender.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
    public static final String COOCCURRENCE = "cooccurrence.tsv";
    /** Promotions, oldest first, one {@code <version> <ISO instant>} line each: what {@code rollback} walks back. */
    public static final String HISTORY = "HISTORY";
    /** The A/B experiment: one line {@code <version> <share>}; absent when no experiment runs. */
    public static final String EXPERIMENT = "EXPERIMENT";

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
     * Makes {@code version} the served one and records the promotion in {@code HISTORY}.
     * {@code CURRENT} is written to a temporary file and renamed over the old one, so a reader sees
     * either the old name or the new, never half a name.
     */
    public void promote(String version) {
        requireComplete(version);
        writeAtomically(folder.resolve(CURRENT), version + "\n");
        List<String> history = new ArrayList<>(historyLines());
        history.add(version + " " + Instant.now());
        writeAtomically(folder.resolve(HISTORY), String.join("\n", history) + "\n");
    }

    /** Promoted versions, oldest promotion first (a version promoted twice appears twice). */
    public List<String> history() {
        return historyLines().stream().map(line -> line.split(" ", 2)[0]).toList();
    }

    /**
     * Serves the version promoted before the current one again: the current promotion leaves
     * {@code HISTORY}, so a second rollback goes one further back.
     *
     * @return the version now current
     * @throws IllegalStateException when no earlier promotion is recorded
     */
    public String rollback() {
        Optional<String> current = current();
        List<String> lines = new ArrayList<>(historyLines());
        while (!lines.isEmpty() && current.isPresent() && lines.get(lines.size() - 1).split(" ", 2)[0].equals(current.get())) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new IllegalStateException("no earlier promotion in " + folder.resolve(HISTORY) + " to go back to"
                    + current.map(c -> " (current: " + c + ")").orElse(""));
        }
        String previous = lines.get(lines.size() - 1).split(" ", 2)[0];
        requireComplete(previous);
        writeAtomically(folder.resolve(CURRENT), previous + "\n");
        writeAtomically(folder.resolve(HISTORY), String.join("\n", lines) + "\n");
        return previous;
    }

    /** The running A/B experiment: variant B's version and its share of users. */
    public record Experiment(String version, double share) {}

    public Optional<Experiment> experiment() {
        Path file = folder.resolve(EXPERIMENT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split("\\s+");
            return Optional.of(new Experiment(parts[0], Double.parseDouble(parts[1])));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Starts (or replaces) the A/B experiment: serving-api serves {@code version} to {@code share} of users. */
    public void startExperiment(String version, double share) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("share must be in (0, 1), was " + share);
        }
        requireComplete(version);
        writeAtomically(folder.resolve(EXPERIMENT), version + " " + share + "\n");
    }

    /** Ends the experiment; false when none was running. */
    public boolean stopExperiment() {
        try {
            return Files.deleteIfExists(folder.resolve(EXPERIMENT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder.resolve(EXPERIMENT), e);
        }
    }

    /** Replaces a version's {@code metrics} (a re-evaluation), rewriting model.json atomically. */
    public ModelDescription replaceMetrics(String version, Map<String, Double> metrics) {
        ModelDescription old = description(version);
        ModelDescription updated = old.withMetrics(metrics);
        try {
            writeAtomically(versionFolder(version).resolve(MODEL_JSON),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(updated));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model.json of " + version, e);
        }
        return updated;
    }

    private void requireComplete(String version) {
        if (!Files.isDirectory(versionFolder(version))) {
            throw new IllegalArgumentException("no model version " + version + " in " + folder);
        }
        if (!isComplete(version)) {
            throw new IllegalArgumentException("model version " + version + " is incomplete (no " + SUCCESS_MARKER + ")");
        }
    }

    private List<String> historyLines() {
        Path file = folder.resolve(HISTORY);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Temporary file in the same folder, then an atomic rename over the target. */
    private void writeAtomically(Path target, String content) {
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temporary, content, StandardCharsets.UTF_8);
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
