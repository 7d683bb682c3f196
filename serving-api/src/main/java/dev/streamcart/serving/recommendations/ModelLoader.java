package dev.streamcart.serving.recommendations;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a model folder written by recommender-spark (contract 5): {@code user-factors.tsv},
 * {@code item-factors.tsv} ({@code id<TAB>f1 f2 ... fk}) and {@code popular.tsv}
 * ({@code id<TAB>score}, best first), and, when present, {@code cooccurrence.tsv}
 * ({@code id<TAB>other:score,...}, best first) and model.json's {@code createdAt}. Every line is checked: a malformed folder fails to load as
 * a whole, and the model being served stays in place.
 */
final class ModelLoader {

    static final String USER_FACTORS = "user-factors.tsv";
    static final String ITEM_FACTORS = "item-factors.tsv";
    static final String POPULAR = "popular.tsv";
    static final String COOCCURRENCE = "cooccurrence.tsv";
    static final String MODEL_JSON = "model.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelLoader() {}

    static RecommenderModel load(String version, Path folder) throws IOException {
        Map<Long, float[]> users = new HashMap<>();
        int[] rank = {-1};
        readLines(folder.resolve(USER_FACTORS), (id, rest, where) -> users.put(id, factors(rest, rank, where)));

        List<Long> itemIds = new ArrayList<>();
        List<float[]> itemVectors = new ArrayList<>();
        readLines(folder.resolve(ITEM_FACTORS), (id, rest, where) -> {
            itemIds.add(id);
            itemVectors.add(factors(rest, rank, where));
        });
        int k = Math.max(rank[0], 0);
        long[] ids = new long[itemIds.size()];
        float[] flat = new float[itemIds.size() * k];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = itemIds.get(i);
            System.arraycopy(itemVectors.get(i), 0, flat, i * k, k);
        }

        List<Long> popularIds = new ArrayList<>();
        List<Double> popularScores = new ArrayList<>();
        Path popular = folder.resolve(POPULAR);
        if (Files.exists(popular)) {
            readLines(popular, (id, rest, where) -> {
                popularIds.add(id);
                popularScores.add(parseScore(rest, where));
            });
        }
        Map<Long, RecommenderModel.Neighbours> cooccurrence = new HashMap<>();
        Path cooccurring = folder.resolve(COOCCURRENCE);
        if (Files.exists(cooccurring)) {
            readLines(cooccurring, (id, rest, where) -> cooccurrence.put(id, neighbours(rest, where)));
        }
        return new RecommenderModel(version, createdAt(folder), k, users, ids, flat,
                popularIds.stream().mapToLong(Long::longValue).toArray(),
                popularScores.stream().mapToDouble(Double::doubleValue).toArray(), cooccurrence);
    }

    /** model.json's createdAt; a model without one is dated by its _SUCCESS marker (written last). */
    private static Instant createdAt(Path folder) throws IOException {
        Path metadata = folder.resolve(MODEL_JSON);
        if (Files.exists(metadata)) {
            JsonNode createdAt = JSON.readTree(metadata.toFile()).path("createdAt");
            if (createdAt.isTextual()) {
                try {
                    return Instant.parse(createdAt.asText());
                } catch (DateTimeParseException e) {
                    throw new IOException(MODEL_JSON + ": createdAt is not an ISO-8601 instant", e);
                }
            }
        }
        Path marker = folder.resolve(ModelRepository.SUCCESS);
        return Files.exists(marker) ? Files.getLastModifiedTime(marker).toInstant() : Instant.EPOCH;
    }

    /** {@code otherId:score,otherId:score,...}, highest first. */
    private static RecommenderModel.Neighbours neighbours(String text, String where) throws IOException {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return new RecommenderModel.Neighbours(new long[0], new double[0]);
        }
        String[] pairs = trimmed.split(",");
        long[] ids = new long[pairs.length];
        double[] scores = new double[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            int colon = pairs[i].indexOf(':');
            if (colon <= 0) {
                throw new IOException(where + ": expected 'otherId:score', got '" + pairs[i] + "'");
            }
            try {
                ids[i] = Long.parseLong(pairs[i].substring(0, colon).trim());
                scores[i] = Double.parseDouble(pairs[i].substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IOException(where + ": '" + pairs[i] + "' is not 'otherId:score'", e);
            }
        }
        return new RecommenderModel.Neighbours(ids, scores);
    }

    @FunctionalInterface
    private interface LineHandler {
        void accept(long id, String rest, String where) throws IOException;
    }

    private static void readLines(Path file, LineHandler handler) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file.getFileName() + ":" + number;
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    throw new IOException(where + ": expected 'id<TAB>values'");
                }
                long id;
                try {
                    id = Long.parseLong(line.substring(0, tab).trim());
                } catch (NumberFormatException e) {
                    throw new IOException(where + ": id is not an integer", e);
                }
                handler.accept(id, line.substring(tab + 1), where);
            }
        }
    }

    // a hand-rolled split: a regex split per line was most of the load time of a 100k-item model
    private static float[] factors(String text, int[] rank, String where) throws IOException {
        int capacity = rank[0] > 0 ? rank[0] : 16;
        float[] vector = new float[capacity];
        int count = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            while (i < length && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= length) {
                break;
            }
            int end = i;
            while (end < length && text.charAt(end) != ' ') {
                end++;
            }
            if (count == vector.length) {
                vector = Arrays.copyOf(vector, vector.length * 2);
            }
            float value;
            try {
                value = Float.parseFloat(text.substring(i, end));
            } catch (NumberFormatException e) {
                throw new IOException(where + ": factor " + (count + 1) + " is not a number", e);
            }
            if (!Float.isFinite(value)) {
                throw new IOException(where + ": factor " + (count + 1) + " is not finite");
            }
            vector[count++] = value;
            i = end;
        }
        if (rank[0] < 0) {
            rank[0] = count;
        } else if (count != rank[0]) {
            throw new IOException(where + ": " + count + " factors, the model's rank is " + rank[0]);
        }
        return count == vector.length ? vector : Arrays.copyOf(vector, count);
    }

    private static double parseScore(String text, String where) throws IOException {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException(where + ": score is not a number", e);
        }
    }
}
