package dev.streamcart.recommender.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import dev.streamcart.recommender.interactions.InteractionEvents;
import dev.streamcart.recommender.interactions.Interactions;
import dev.streamcart.recommender.interactions.Weighting;
import dev.streamcart.recommender.models.ModelFolderWriter.FactorRow;
import dev.streamcart.recommender.training.AlsParameters;
import dev.streamcart.recommender.training.ImplicitAlsTrainer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A time-based hold-out of the interaction events: everything before the cutoff trains (weighted
 * and decayed as in a real run, with ages counted back from the newest training event), everything
 * from the cutoff on is held out. Evaluated are the users present on both sides who have at least
 * one held-out item they had not had in training; at most {@code maxUsers} of them, drawn with the
 * seed. Candidates exclude the user's training items, and only those new held-out items count.
 */
public final class HoldOutSplit implements AutoCloseable {

    /** Names of the compared models, in report order. */
    public static final String ALS = "als";
    public static final String POPULARITY = "popularity";
    public static final String CATEGORY_POPULARITY = "categoryPopularity";
    public static final String COOCCURRENCE = "cooccurrence";

    /** Neighbours kept per item, as in {@code cooccurrence.tsv}. */
    public static final int NEIGHBOURS = 50;

    private final Dataset<Row> trainInteractions;
    private final InteractionTable table;
    private final Description description;
    private final int k;
    private final int[] evaluatedUsers;
    private final int[][] heldOut;
    private final int[] relevant;

    /**
     * What the split holds: the data range, the cutoff, distinct (user, item) pairs on each side,
     * and the evaluated users.
     */
    public record Description(Instant from, Instant cutoff, Instant to, String holdOut, long trainInteractions,
            int trainUsers, int trainItems, long heldOutInteractions, int evaluatedUsers, int k) {}

    private HoldOutSplit(Dataset<Row> trainInteractions, InteractionTable table, Description description, int k,
            int[] evaluatedUsers, int[][] heldOut, int[] relevant) {
        this.trainInteractions = trainInteractions;
        this.table = table;
        this.description = description;
        this.k = k;
        this.evaluatedUsers = evaluatedUsers;
        this.heldOut = heldOut;
        this.relevant = relevant;
    }

    /**
     * Splits {@code events} (rows of {@link InteractionEvents#SCHEMA}) at the hold-out's cutoff, or
     * empty when one side would hold no event or no user is on both sides.
     */
    public static Optional<HoldOutSplit> of(Dataset<Row> events, InteractionEvents.Summary all, HoldOut holdOut,
            Weighting weighting, int k, int maxUsers, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        Instant cutoff = holdOut.cutoff(all.from(), all.to());
        Dataset<Row> trainEvents = events.filter(col(InteractionEvents.AT).lt(lit(Timestamp.from(cutoff))));
        Dataset<Row> testEvents = events.filter(col(InteractionEvents.AT).geq(lit(Timestamp.from(cutoff))));
        InteractionEvents.Summary trainSummary = InteractionEvents.summarize(trainEvents);
        if (trainSummary.total() == 0 || trainSummary.total() == all.total()) {
            return Optional.empty();
        }
        Dataset<Row> trainInteractions = InteractionEvents.weigh(trainEvents, trainSummary, weighting).byUserAndItem()
                .persist(StorageLevel.MEMORY_AND_DISK());
        InteractionTable table = InteractionTable.collect(trainInteractions);

        // held-out (user, item) pairs of users known to training, grouped per user id in id order
        Map<Integer, List<Integer>> testItems = new TreeMap<>();
        long heldOutPairs = 0;
        Iterator<Row> pairs = testEvents.select(col(Interactions.USER).cast("int"), col(Interactions.ITEM).cast("int"))
                .distinct().toLocalIterator();
        while (pairs.hasNext()) {
            Row pair = pairs.next();
            heldOutPairs++;
            int user = table.userIndex(pair.getInt(0));
            if (user >= 0) {
                testItems.computeIfAbsent(user, u -> new ArrayList<>()).add(pair.getInt(1));
            }
        }
        Map<Integer, int[]> newItemsInCatalogue = new LinkedHashMap<>();
        Map<Integer, Integer> newItems = new HashMap<>();
        for (Map.Entry<Integer, List<Integer>> entry : testItems.entrySet()) {
            int[] seen = table.itemsOf(entry.getKey());
            int count = 0;
            List<Integer> known = new ArrayList<>();
            for (int itemId : entry.getValue()) {
                int item = table.itemIndex(itemId);
                if (item >= 0 && Arrays.binarySearch(seen, item) >= 0) {
                    continue; // had it in training already: not a new find
                }
                count++;
                if (item >= 0) {
                    known.add(item);
                }
            }
            if (count > 0) {
                newItems.put(entry.getKey(), count);
                newItemsInCatalogue.put(entry.getKey(), known.stream().mapToInt(Integer::intValue).sorted().toArray());
            }
        }
        if (newItems.isEmpty()) {
            trainInteractions.unpersist();
            return Optional.empty();
        }
        List<Integer> users = new ArrayList<>(newItems.keySet());
        if (users.size() > maxUsers) {
            Collections.shuffle(users, new Random(seed));
            users = new ArrayList<>(users.subList(0, maxUsers));
        }
        Collections.sort(users);
        int[] evaluated = users.stream().mapToInt(Integer::intValue).toArray();
        int[][] heldOut = new int[evaluated.length][];
        int[] relevant = new int[evaluated.length];
        for (int i = 0; i < evaluated.length; i++) {
            heldOut[i] = newItemsInCatalogue.get(evaluated[i]);
            relevant[i] = newItems.get(evaluated[i]);
        }
        Description description = new Description(all.from(), cutoff, all.to(), holdOut.describe(), table.interactions(),
                table.users(), table.items(), heldOutPairs, evaluated.length, k);
        return Optional.of(new HoldOutSplit(trainInteractions, table, description, k, evaluated, heldOut, relevant));
    }

    public Description description() {
        return description;
    }

    public InteractionTable table() {
        return table;
    }

    public int k() {
        return k;
    }

    /** Evaluated user indices of {@link #table()}, ascending. */
    public int[] evaluatedUsers() {
        return evaluatedUsers.clone();
    }

    public RankingMetrics evaluate(Recommender recommender) {
        RankingMetrics.Accumulator accumulator = new RankingMetrics.Accumulator(k, table.items());
        for (int i = 0; i < evaluatedUsers.length; i++) {
            accumulator.add(recommender.recommend(evaluatedUsers[i], k), heldOut[i], relevant[i]);
        }
        return accumulator.result();
    }

    /** Implicit ALS fitted on the training side with {@code parameters}. */
    public AlsRecommender fitAls(AlsParameters parameters) {
        ImplicitAlsTrainer.TrainedModel trained = ImplicitAlsTrainer.train(
                trainInteractions, table.interactions(), parameters);
        return new AlsRecommender(table, factors(trained.userFactors()), factors(trained.itemFactors()));
    }

    /** The three baselines, by name in report order. */
    public Map<String, Recommender> baselines(Map<Integer, Long> categories) {
        Map<String, Recommender> baselines = new LinkedHashMap<>();
        baselines.put(POPULARITY, new PopularityRecommender(table));
        baselines.put(CATEGORY_POPULARITY, new CategoryPopularityRecommender(table, categories));
        baselines.put(COOCCURRENCE, new CooccurrenceRecommender(Cooccurrence.of(table, NEIGHBOURS)));
        return baselines;
    }

    /** ALS with {@code parameters} and every baseline, evaluated on this split. */
    public Evaluation evaluateAll(AlsParameters parameters, Map<Integer, Long> categories) {
        Map<String, RankingMetrics> results = new LinkedHashMap<>();
        results.put(ALS, evaluate(fitAls(parameters)));
        baselines(categories).forEach((name, baseline) -> results.put(name, evaluate(baseline)));
        return new Evaluation(description, results);
    }

    private static Map<Integer, float[]> factors(Iterator<FactorRow> rows) {
        Map<Integer, float[]> factors = new HashMap<>();
        while (rows.hasNext()) {
            FactorRow row = rows.next();
            factors.put((int) row.id(), row.factors());
        }
        return factors;
    }

    @Override
    public void close() {
        trainInteractions.unpersist();
    }
}
