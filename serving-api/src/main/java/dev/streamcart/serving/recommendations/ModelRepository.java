package dev.streamcart.serving.recommendations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the promoted model version of {@code recommender.models-dir} (contract 5): the version
 * named by {@code CURRENT}, or, while there is no {@code CURRENT}, the newest complete version (a
 * folder holding {@code _SUCCESS}); and, while {@code EXPERIMENT} names a version and a share
 * ({@code <version> <share>}), that version as variant B for that share of users. It re-checks
 * every few seconds and on {@link #refresh()}, loads a new version completely off to the side (on
 * the watcher thread, never on a request), scores its users' candidates, and then swaps one
 * immutable {@link ServedModels} in through a volatile reference: a request scores against the old
 * pair or the new one, never a mix. The last two models taken out of service stay loaded, so a
 * rollback to one of them is instant.
 * A version that fails to load is logged and skipped by the periodic check until it changes; the
 * models in service stay.
 */
public final class ModelRepository implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRepository.class);
    public static final String CURRENT = "CURRENT";
    public static final String EXPERIMENT = "EXPERIMENT";
    public static final String SUCCESS = "_SUCCESS";
    private static final Pattern VERSION_NAME = Pattern.compile("v\\d{8}-\\d{6}-\\d{3}");
    private static final int RETIRED_KEPT = 2;
    /**
     * Retired models kept warm for a rollback may take an eighth of the heap together: an A/B test
     * and a swap already hold three models for a moment.
     */
    private static final long RETIRED_BYTES = Runtime.getRuntime().maxMemory() / 8;
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** What a refresh did: the versions served afterwards, whether anything changed, what went wrong. */
    public record Refresh(@Nullable String servedVersion, boolean changed, @Nullable String problem,
                          @Nullable String experimentVersion, @Nullable Double experimentShare) {}

    /** A served model as operators see it: what it is, and for how many users its candidates are ready. */
    public record ServedModel(String version, Instant createdAt, int users, int items, int rank,
                              int usersWithCandidates) {

        static @Nullable ServedModel of(@Nullable RecommenderModel model) {
            return model == null ? null : new ServedModel(model.version(), model.createdAt(), model.userCount(),
                    model.itemCount(), model.rank(), model.usersWithCandidates());
        }
    }

    /** The models in service: variant A, and variant B with its share while an experiment runs. */
    public record Status(@Nullable ServedModel control, @Nullable ServedModel experiment,
                         @Nullable Double experimentShare) {}

    /** EXPERIMENT's content. */
    record Experiment(String version, double share) {}

    private final Path modelsDir;
    private volatile ServedModels served = ServedModels.NONE;
    private final ScheduledExecutorService watcher;
    private final ExecutorService candidateScorer;
    private final Set<String> failedVersions = new HashSet<>();
    // oldest first; read by the candidate scorer thread, changed under this object's lock
    private final Map<String, RecommenderModel> retired = Collections.synchronizedMap(new LinkedHashMap<>());
    private final long memoryBudget;
    private final Set<String> tooLarge = ConcurrentHashMap.newKeySet();

    public ModelRepository(Path modelsDir) {
        this(modelsDir, Runtime.getRuntime().maxMemory() * 3 / 4);
    }

    /**
     * @param memoryBudget bytes the models held at once may take, the one being loaded included (at
     *     its peak while loading); a version that would go beyond it is not loaded and the served
     *     models stay, rather than the whole API running out of heap
     */
    ModelRepository(Path modelsDir, long memoryBudget) {
        this.memoryBudget = memoryBudget;
        this.modelsDir = Objects.requireNonNull(modelsDir, "modelsDir");
        this.watcher = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "model-watcher"));
        this.candidateScorer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = daemon(runnable, "recommendation-candidates");
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Loads what is there now, then re-checks every {@code interval}. */
    public ModelRepository start(Duration interval) {
        refresh();
        watcher.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** The promoted model (variant A), or null before any exists. */
    public @Nullable RecommenderModel current() {
        return served.control();
    }

    /** The models in service now; read once per request. */
    public ServedModels served() {
        return served;
    }

    public Status status() {
        ServedModels now = served;
        return new Status(ServedModel.of(now.control()), ServedModel.of(now.experiment()),
                now.experiment() == null ? null : now.experimentShare());
    }

    /** Re-checks the folder now (retrying versions that failed before); serialized with the periodic check. */
    public Refresh refresh() {
        return refresh(true);
    }

    private synchronized Refresh refresh(boolean retryFailed) {
        ServedModels before = served;
        List<String> problems = new ArrayList<>();
        RecommenderModel control = before.control();
        try {
            Optional<String> wanted = wantedVersion();
            if (wanted.isPresent()) {
                control = model(wanted.get(), before, retryFailed, problems, control);
            }
        } catch (IOException e) {
            problems.add("cannot read " + modelsDir + ": " + e.getMessage());
        }
        RecommenderModel experiment = before.experiment();
        double share = before.experimentShare();
        try {
            Optional<Experiment> wanted = wantedExperiment();
            if (wanted.isEmpty()) {
                experiment = null;
                share = 0;
            } else {
                RecommenderModel loaded = model(wanted.get().version(), before, retryFailed, problems, null);
                if (loaded != null) {
                    experiment = loaded;
                    share = wanted.get().share();
                }
            }
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
        ServedModels after = new ServedModels(control, experiment, experiment == null ? 0 : share);
        boolean changed = !after.equals(before);
        if (changed) {
            boolean warmServed = before.control() != null;
            if (warmServed) {
                warmBeforeSwap(control, before);
                warmBeforeSwap(experiment, before);
            }
            served = after;
            retire(before, after);
            if (!warmServed) {
                warmAfterSwap(control, before);
                warmAfterSwap(experiment, before);
            }
            LOG.info("serving recommender model {}{}", describe(control),
                    experiment == null ? "" : "; experiment " + describe(experiment) + " for a share of " + share);
        }
        return new Refresh(control == null ? null : control.version(), changed,
                problems.isEmpty() ? null : String.join("; ", problems),
                experiment == null ? null : experiment.version(), experiment == null ? null : share);
    }

    /** The model of {@code version}: the one already loaded, else loaded now; {@code fallback} when it fails. */
    private @Nullable RecommenderModel model(String version, ServedModels loaded, boolean retryFailed,
                                             List<String> problems, @Nullable RecommenderModel fallback) {
        for (RecommenderModel model : new RecommenderModel[] {loaded.control(), loaded.experiment()}) {
            if (model != null && model.version().equals(version)) {
                return model;
            }
        }
        RecommenderModel kept = retired.get(version);
        if (kept != null) {
            return kept;
        }
        if (!retryFailed && failedVersions.contains(version)) {
            return fallback;
        }
        try {
            long needed = ModelLoader.peakBytes(modelsDir.resolve(version));
            if (heldBytes(loaded) + needed > memoryBudget) {
                retired.clear(); // a warm rollback is worth less than the model asked for
            }
            long held = heldBytes(loaded);
            if (held + needed > memoryBudget) {
                String problem = "model " + version + " needs about " + (needed >> 20) + " MB to load beside the "
                        + (held >> 20) + " MB of the models served, beyond their " + (memoryBudget >> 20)
                        + " MB; not loaded (stop the experiment, or give serving-api a larger heap)";
                if (tooLarge.add(version)) {
                    LOG.warn("{}; the served models stay", problem);
                }
                problems.add(problem);
                return fallback;
            }
            tooLarge.remove(version);
            RecommenderModel model = ModelLoader.load(version, modelsDir.resolve(version));
            failedVersions.remove(version);
            return model;
        } catch (IOException | RuntimeException e) {
            if (failedVersions.add(version)) {
                LOG.warn("cannot load recommender model {}; the served models stay: {}", version, e.toString());
            }
            problems.add("model " + version + " cannot be loaded: " + e.getMessage());
            return fallback;
        }
    }

    /**
     * Scores the candidates of every user of a model about to replace a served one (see
     * {@link UserCandidates}): requests go on with a warm model until the new one is just as warm.
     */
    private void warmBeforeSwap(@Nullable RecommenderModel model, ServedModels before) {
        if (isNew(model, before)) {
            precomputeCandidates(model, () -> !candidateScorer.isShutdown());
        }
    }

    /** With nothing served before, a model serves at once and is warmed in the background: some answers now beat fast answers later. */
    private void warmAfterSwap(@Nullable RecommenderModel model, ServedModels before) {
        if (isNew(model, before)) {
            candidateScorer.execute(() -> precomputeCandidates(model, () -> isKept(model) && !candidateScorer.isShutdown()));
        }
    }

    private static boolean isNew(@Nullable RecommenderModel model, ServedModels before) {
        return model != null && model != before.control() && model != before.experiment();
    }

    private static void precomputeCandidates(RecommenderModel model, BooleanSupplier keepGoing) {
        long started = System.nanoTime();
        model.precomputeCandidates(keepGoing);
        LOG.info("recommendation candidates of model {} ready for {} of {} users in {} ms", model.version(),
                model.usersWithCandidates(), model.userCount(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Keeps the last models taken out of service, warm, so that promoting one of them again (a
     * rollback, or an experiment switched back on) is instant.
     */
    private void retire(ServedModels before, ServedModels after) {
        for (RecommenderModel model : new RecommenderModel[] {before.control(), before.experiment()}) {
            if (model != null && model != after.control() && model != after.experiment()) {
                retired.put(model.version(), model);
            }
        }
        for (RecommenderModel model : new RecommenderModel[] {after.control(), after.experiment()}) {
            if (model != null) {
                retired.remove(model.version());
            }
        }
        // a rollback is instant only while the retired models fit: a model of a million users and items is ~160 MB
        while (retired.size() > RETIRED_KEPT || (!retired.isEmpty() && retiredBytes() > RETIRED_BYTES)) {
            retired.remove(retired.keySet().iterator().next());
        }
    }

    private long heldBytes(ServedModels loaded) {
        long held = retiredBytes();
        for (RecommenderModel model : new RecommenderModel[] {loaded.control(), loaded.experiment()}) {
            if (model != null) {
                held += model.bytes();
            }
        }
        return held;
    }

    private long retiredBytes() {
        synchronized (retired) {
            return retired.values().stream().mapToLong(RecommenderModel::bytes).sum();
        }
    }

    private boolean isKept(RecommenderModel model) {
        ServedModels now = served;
        return now.control() == model || now.experiment() == model || retired.containsValue(model);
    }

    private static String describe(@Nullable RecommenderModel model) {
        return model == null ? "none" : model.version() + " (" + model.userCount() + " users, " + model.itemCount()
                + " items, rank " + model.rank() + ")";
    }

    private void refreshQuietly() {
        try {
            refresh(false);
        } catch (RuntimeException e) {
            LOG.debug("model check failed: {}", e.toString());
        }
    }

    /** EXPERIMENT's version and share; empty when there is no such file. */
    Optional<Experiment> wantedExperiment() throws IOException {
        Path file = modelsDir.resolve(EXPERIMENT);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        String[] parts = text.split("\\s+");
        if (parts.length != 2 || !SAFE_NAME.matcher(parts[0]).matches()) {
            throw new IOException(EXPERIMENT + " must hold '<version> <share>', holds '" + text + "'");
        }
        double share;
        try {
            share = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException(EXPERIMENT + "'s share '" + parts[1] + "' is not a number", e);
        }
        if (!(share > 0 && share < 1)) {
            throw new IOException(EXPERIMENT + "'s share must be in (0, 1), is " + parts[1]);
        }
        if (!isComplete(parts[0])) {
            throw new IOException(EXPERIMENT + " names '" + parts[0] + "', which is not a complete model version");
        }
        return Optional.of(new Experiment(parts[0], share));
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
        candidateScorer.shutdownNow();
    }
}
