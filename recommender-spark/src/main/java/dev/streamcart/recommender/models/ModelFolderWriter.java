package dev.streamcart.recommender.models;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import dev.streamcart.recommender.evaluation.Cooccurrence;
import dev.streamcart.recommender.evaluation.InteractionTable;

/**
 * Writes one model version folder exactly as contract 5 says: factors, popularity and co-occurrence
 * as TSV, {@code model.json}, the report, and {@code _SUCCESS} last, so a reader never takes a half-written folder.
 */
public final class ModelFolderWriter {

    /** One row of a factor file: a user or product id and its latent factors. */
    public record FactorRow(long id, float[] factors) {}

    /** One row of {@code popular.tsv}. */
    public record PopularItem(long productId, double score) {}

    /** More files of the version (the report), written after the model files and before {@code _SUCCESS}. */
    @FunctionalInterface
    public interface Extra {
        void writeInto(Path folder) throws IOException;
    }

    private ModelFolderWriter() {}

    public static Path write(ModelStore store, ModelDescription description, Iterator<FactorRow> userFactors,
            Iterator<FactorRow> itemFactors, Iterator<PopularItem> popular, Cooccurrence cooccurrence, Extra extra)
            throws IOException {
        Path folder = store.versionFolder(description.version());
        Files.createDirectories(store.folder());
        Files.createDirectory(folder); // fails if the version exists: versions are immutable
        writeFactors(folder.resolve(ModelStore.USER_FACTORS), userFactors, description.rank());
        writeFactors(folder.resolve(ModelStore.ITEM_FACTORS), itemFactors, description.rank());
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(ModelStore.POPULAR), StandardCharsets.UTF_8)) {
            while (popular.hasNext()) {
                PopularItem item = popular.next();
                out.write(Long.toString(item.productId()));
                out.write('\t');
                out.write(Double.toString(item.score()));
                out.write('\n');
            }
        }
        writeCooccurrence(folder.resolve(ModelStore.COOCCURRENCE), cooccurrence);
        ModelStore.writeJson(folder.resolve(ModelStore.MODEL_JSON), description);
        extra.writeInto(folder);
        Files.createFile(folder.resolve(ModelStore.SUCCESS_MARKER));
        return folder;
    }

    /** Lines {@code productId<TAB>otherId:count,otherId:count,...}, products in id order, neighbours best first. */
    private static void writeCooccurrence(Path file, Cooccurrence cooccurrence) throws IOException {
        InteractionTable table = cooccurrence.table();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int item = 0; item < table.items(); item++) {
                int[] neighbours = cooccurrence.neighbours(item);
                if (neighbours.length == 0) {
                    continue;
                }
                int[] counts = cooccurrence.counts(item);
                out.write(Integer.toString(table.itemId(item)));
                out.write('\t');
                for (int i = 0; i < neighbours.length; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write(Integer.toString(table.itemId(neighbours[i])));
                    out.write(':');
                    out.write(Integer.toString(counts[i]));
                }
                out.write('\n');
            }
        }
    }

    private static void writeFactors(Path file, Iterator<FactorRow> rows, int rank) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (rows.hasNext()) {
                FactorRow row = rows.next();
                if (row.factors().length != rank) {
                    throw new IllegalStateException("factor row of " + row.id() + " has " + row.factors().length
                            + " values, rank is " + rank);
                }
                out.write(Long.toString(row.id()));
                out.write('\t');
                for (int i = 0; i < row.factors().length; i++) {
                    if (i > 0) {
                        out.write(' ');
                    }
                    out.write(Float.toString(row.factors()[i]));
                }
                out.write('\n');
            }
        }
    }
}
