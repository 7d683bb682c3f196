package dev.streamcart.serving.recommendations;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
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
        int[] rank = {-1};
        UserFactors.Builder users = new UserFactors.Builder();
        readLines(folder.resolve(USER_FACTORS), (id, rest, where) -> {
            try {
                users.add(id, factors(rest, rank, where));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
        });
        UserFactors userFactors;
        try {
            userFactors = users.build();
        } catch (IllegalArgumentException e) {
            throw new IOException(USER_FACTORS + ": " + e.getMessage(), e);
        }

        Vectors items = readItems(folder.resolve(ITEM_FACTORS), rank);
        int k = Math.max(rank[0], 0);
        Ranking popular = readPopular(folder.resolve(POPULAR));
        Map<Long, RecommenderModel.Neighbours> cooccurrence = readCooccurrence(folder.resolve(COOCCURRENCE), items);
        try {
            return new RecommenderModel(version, createdAt(folder), k, userFactors, items.ids(), items.flat(),
                    popular.ids(), popular.scores(), cooccurrence);
        } catch (IllegalArgumentException e) {
            throw new IOException(folder.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * About the most heap that loading the folder takes: three fifths of its factor files' size. A
     * factor in the TSV is 11-13 characters and 4 bytes once read (155 MB held for the large
     * profile's 389 MB of files), and the load peaks at about 1.5 times what it keeps.
     */
    static long peakBytes(Path folder) throws IOException {
        long text = 0;
        for (String file : new String[] {USER_FACTORS, ITEM_FACTORS}) {
            Path path = folder.resolve(file);
            if (Files.exists(path)) {
                text += Files.size(path);
            }
        }
        return text * 3 / 5;
    }

    /** Item vectors, row-major, exactly sized. */
    private record Vectors(long[] ids, float[] flat) {}

    /** popular.tsv: ids and scores, best first. */
    private record Ranking(long[] ids, double[] scores) {}

    // into growing flat arrays: a million small arrays (or boxed lists) would double the load's peak memory
    private static Vectors readItems(Path file, int[] rank) throws IOException {
        long[][] ids = {new long[1024]};
        float[][] flat = {new float[0]};
        int[] size = {0};
        readLines(file, (id, rest, where) -> {
            float[] vector = factors(rest, rank, where);
            if (flat[0].length == 0) {
                flat[0] = new float[ids[0].length * rank[0]];
            }
            if (size[0] == ids[0].length) {
                ids[0] = Arrays.copyOf(ids[0], size[0] * 2);
                flat[0] = Arrays.copyOf(flat[0], size[0] * 2 * rank[0]);
            }
            ids[0][size[0]] = id;
            System.arraycopy(vector, 0, flat[0], size[0] * rank[0], rank[0]);
            size[0]++;
        });
        return new Vectors(Arrays.copyOf(ids[0], size[0]), Arrays.copyOf(flat[0], size[0] * Math.max(rank[0], 0)));
    }

    private static Ranking readPopular(Path file) throws IOException {
        long[][] ids = {new long[1024]};
        double[][] scores = {new double[1024]};
        int[] size = {0};
        if (Files.exists(file)) {
            readLines(file, (id, rest, where) -> {
                if (size[0] == ids[0].length) {
                    ids[0] = Arrays.copyOf(ids[0], size[0] * 2);
                    scores[0] = Arrays.copyOf(scores[0], size[0] * 2);
                }
                ids[0][size[0]] = id;
                scores[0][size[0]++] = parseScore(rest, where);
            });
        }
        return new Ranking(Arrays.copyOf(ids[0], size[0]), Arrays.copyOf(scores[0], size[0]));
    }

    /**
     * Co-occurrence answers only for products without usable factors (cosine answers the others, see
     * SimilarProducts), so only their lists are kept: for a catalogue of a million, the lists of
     * every product would be most of the model's memory.
     */
    private static Map<Long, RecommenderModel.Neighbours> readCooccurrence(Path file, Vectors items) throws IOException {
        Map<Long, RecommenderModel.Neighbours> cooccurrence = new HashMap<>();
        if (!Files.exists(file)) {
            return cooccurrence;
        }
        long[] withFactors = idsWithNonZeroVectors(items);
        readLines(file, (id, rest, where) -> {
            if (Arrays.binarySearch(withFactors, id) < 0) {
                cooccurrence.put(id, neighbours(rest, where));
            }
        });
        return cooccurrence;
    }

    private static long[] idsWithNonZeroVectors(Vectors items) {
        int count = items.ids().length;
        int rank = count == 0 ? 0 : items.flat().length / count;
        long[] kept = new long[count];
        int size = 0;
        for (int i = 0; i < count; i++) {
            boolean zero = true;
            for (int f = 0; f < rank && zero; f++) {
                zero = items.flat()[i * rank + f] == 0f;
            }
            if (!zero) {
                kept[size++] = items.ids()[i];
            }
        }
        long[] sorted = Arrays.copyOf(kept, size);
        Arrays.sort(sorted);
        return sorted;
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
