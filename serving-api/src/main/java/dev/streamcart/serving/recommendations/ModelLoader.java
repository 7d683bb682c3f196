package dev.streamcart.serving.recommendations;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a model folder written by recommender-spark (contract 5): {@code user-factors.tsv},
 * {@code item-factors.tsv} ({@code id<TAB>f1 f2 ... fk}) and {@code popular.tsv}
 * ({@code id<TAB>score}, best first). Every line is checked: a malformed folder fails to load as
 * a whole, and the model being served stays in place.
 */
final class ModelLoader {

    static final String USER_FACTORS = "user-factors.tsv";
    static final String ITEM_FACTORS = "item-factors.tsv";
    static final String POPULAR = "popular.tsv";

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
        return new RecommenderModel(version, k, users, ids, flat,
                popularIds.stream().mapToLong(Long::longValue).toArray(),
                popularScores.stream().mapToDouble(Double::doubleValue).toArray());
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

    private static float[] factors(String text, int[] rank, String where) throws IOException {
        String[] parts = text.trim().split(" +");
        if (rank[0] < 0) {
            rank[0] = parts.length;
        } else if (parts.length != rank[0]) {
            throw new IOException(where + ": " + parts.length + " factors, the model's rank is " + rank[0]);
        }
        float[] vector = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                vector[i] = Float.parseFloat(parts[i]);
            } catch (NumberFormatException e) {
                throw new IOException(where + ": factor " + (i + 1) + " is not a number", e);
            }
            if (!Float.isFinite(vector[i])) {
                throw new IOException(where + ": factor " + (i + 1) + " is not finite");
            }
        }
        return vector;
    }

    private static double parseScore(String text, String where) throws IOException {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException(where + ": score is not a number", e);
        }
    }
}
