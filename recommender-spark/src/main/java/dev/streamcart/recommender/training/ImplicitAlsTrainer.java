package dev.streamcart.recommender.training;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.sum;

import java.util.Iterator;
import java.util.List;

import dev.streamcart.recommender.interactions.Interactions;
import dev.streamcart.recommender.models.ModelFolderWriter.FactorRow;
import dev.streamcart.recommender.models.ModelFolderWriter.PopularItem;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Fits implicit ALS on rows of {@link Interactions#byUserAndItem()} and computes popularity, the
 * cold-start fallback, from the same rows.
 */
public final class ImplicitAlsTrainer {

    /** Below this many user-item pairs, 2 blocks: more would only add tasks (Spark's overhead) per sweep. */
    private static final long SMALL = 200_000;
    private static final int MIN_BLOCKS = 2;

    private ImplicitAlsTrainer() {}

    /** A fitted model, its factors and popularity streamed in id order (popularity: most popular first). */
    public record TrainedModel(ALSModel model, Dataset<Row> popularity) {

        public Iterator<FactorRow> userFactors() {
            return factorRows(model.userFactors());
        }

        public Iterator<FactorRow> itemFactors() {
            return factorRows(model.itemFactors());
        }

        public Iterator<PopularItem> popularItems() {
            Iterator<Row> rows = popularity.toLocalIterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public PopularItem next() {
                    Row row = rows.next();
                    return new PopularItem(row.getInt(0), row.getDouble(1));
                }
            };
        }

        private static Iterator<FactorRow> factorRows(Dataset<Row> factors) {
            Iterator<Row> rows = factors.orderBy(col("id")).toLocalIterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public FactorRow next() {
                    Row row = rows.next();
                    List<Object> values = row.getList(1);
                    float[] factors = new float[values.size()];
                    for (int i = 0; i < factors.length; i++) {
                        factors[i] = ((Number) values.get(i)).floatValue();
                    }
                    return new FactorRow(row.getInt(0), factors);
                }
            };
        }
    }

    /**
     * User and item blocks per side: one per core Spark has (its default parallelism), at least 2.
     * Each half-sweep is one task per block; every block needs the factors of nearly every block of
     * the other side (taste clusters cut across any id partitioning), so more blocks than cores only
     * duplicate shuffled factors and add tasks (2 cores, 2M pairs: README's benchmark table). Small
     * data keeps 2.
     */
    static int blocks(int parallelism, long pairs) {
        return pairs < SMALL ? MIN_BLOCKS : Math.max(MIN_BLOCKS, parallelism);
    }

    /**
     * What ALS reads as its implicit rating: the summed weight, or its log when the parameters ask
     * for log scaling. Popularity keeps the raw weights: only the confidence curve changes.
     */
    static Dataset<Row> confidences(Dataset<Row> byUserAndItem, AlsParameters parameters) {
        if (!parameters.logScaled()) {
            return byUserAndItem;
        }
        return byUserAndItem.withColumn(Interactions.RATING,
                log1p(col(Interactions.RATING).divide(parameters.logEpsilon())));
    }

    /** @param pairs how many rows {@code byUserAndItem} holds (picks the block count) */
    public static TrainedModel train(Dataset<Row> byUserAndItem, long pairs, AlsParameters parameters) {
        int blocks = blocks(byUserAndItem.sparkSession().sparkContext().defaultParallelism(), pairs);
        ALS als = new ALS()
                .setImplicitPrefs(true)
                .setRank(parameters.rank())
                .setRegParam(parameters.regParam())
                .setAlpha(parameters.alpha())
                .setMaxIter(parameters.iterations())
                .setSeed(parameters.seed())
                .setNumUserBlocks(blocks)
                .setNumItemBlocks(blocks)
                .setUserCol(Interactions.USER)
                .setItemCol(Interactions.ITEM)
                .setRatingCol(Interactions.RATING)
                .setColdStartStrategy("drop");
        ALSModel model = als.fit(confidences(byUserAndItem, parameters));
        Dataset<Row> popularity = byUserAndItem
                .groupBy(col(Interactions.ITEM))
                .agg(sum(col(Interactions.RATING)).as("score"))
                .orderBy(desc("score"), asc(Interactions.ITEM));
        return new TrainedModel(model, popularity);
    }
}
