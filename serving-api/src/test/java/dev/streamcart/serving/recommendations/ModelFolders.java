package dev.streamcart.serving.recommendations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes model folders exactly as contract 5 says recommender-spark does. */
final class ModelFolders {

    private final Path modelsDir;
    private Instant createdAt = Instant.now();

    ModelFolders(Path modelsDir) {
        this.modelsDir = modelsDir;
    }

    /** Dates the versions written from now on (model.json's createdAt); now by default. */
    ModelFolders createdAt(Instant instant) {
        this.createdAt = instant;
        return this;
    }

    /** Adds cooccurrence.tsv to a version: {@code productId -> otherId:score,...} in the given order. */
    void writeCooccurrence(String version, Map<Long, Map<Long, Double>> lists) {
        StringBuilder text = new StringBuilder();
        lists.forEach((id, others) -> text.append(id).append('\t').append(others.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","))).append('\n'));
        writeFile(modelsDir.resolve(version).resolve("cooccurrence.tsv"), text.toString());
    }

    /** Starts (or changes) an A/B experiment the way the trainer does: EXPERIMENT written to a temp file, renamed. */
    void experiment(String version, double share) {
        replace("EXPERIMENT", version + " " + share + "\n");
    }

    /** Ends the experiment. */
    void endExperiment() {
        try {
            Files.deleteIfExists(modelsDir.resolve("EXPERIMENT"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete version: factors and popularity files, then model.json, then _SUCCESS last. */
    void write(String version, Map<Long, float[]> users, Map<Long, float[]> items, Map<Long, Double> popular) {
        writeFiles(version, users, items, popular);
        writeFile(modelsDir.resolve(version).resolve("_SUCCESS"), "");
    }

    /** A version still being written: everything but _SUCCESS. */
    void writeIncomplete(String version, Map<Long, float[]> users, Map<Long, float[]> items, Map<Long, Double> popular) {
        writeFiles(version, users, items, popular);
    }

    /** Promotes a version the way the trainer does: a temp file renamed over CURRENT. */
    void promote(String version) {
        replace("CURRENT", version + "\n");
    }

    private void replace(String name, String content) {
        try {
            Files.createDirectories(modelsDir);
            Path temp = modelsDir.resolve(name + ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, modelsDir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeFiles(String version, Map<Long, float[]> users, Map<Long, float[]> items, Map<Long, Double> popular) {
        Path folder = modelsDir.resolve(version);
        writeFile(folder.resolve("user-factors.tsv"), factors(users));
        writeFile(folder.resolve("item-factors.tsv"), factors(items));
        writeFile(folder.resolve("popular.tsv"), popular.entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed())
                .map(e -> e.getKey() + "\t" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        writeFile(folder.resolve("model.json"), """
                {"version":"%s","createdAt":"%s","algorithm":"implicit-als","rank":2,
                 "regParam":0.1,"alpha":40.0,"iterations":10,"seed":42,
                 "trainedOn":{"interactions":10,"users":%d,"items":%d,"from":"2026-11-25T00:00:00Z","to":"2026-11-26T00:00:00Z"},
                 "metrics":{}}""".formatted(version, createdAt, users.size(), items.size()));
    }

    private static String factors(Map<Long, float[]> vectors) {
        StringBuilder text = new StringBuilder();
        vectors.forEach((id, vector) -> {
            text.append(id).append('\t');
            for (int i = 0; i < vector.length; i++) {
                text.append(i == 0 ? "" : " ").append(vector[i]);
            }
            text.append('\n');
        });
        return text.toString();
    }

    private static void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
