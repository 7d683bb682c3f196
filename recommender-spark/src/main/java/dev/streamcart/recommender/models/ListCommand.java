package dev.streamcart.recommender.models;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;

/**
 * The model versions, oldest first, with what they were trained on and how they scored;
 * {@code *} marks CURRENT, {@code B} the version of a running A/B experiment.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List model versions, marking the current one with *.")
public final class ListCommand extends ModelsCommand {

    private static final String ROW = "%1s %-22s %-24s %4s %8s %6s %4s %12s %7s %7s  %s%n";

    @Override
    public Integer call() {
        PrintWriter out = out();
        ModelStore store = models().store();
        List<String> versions = store.versions();
        if (versions.isEmpty()) {
            out.println("no model versions in " + store.folder());
            return 0;
        }
        Optional<String> current = store.current();
        Optional<String> variantB = store.experiment().map(ModelStore.Experiment::version);
        out.printf(ROW, "", "VERSION", "CREATED", "RANK", "REG", "ALPHA", "ITER", "INTERACTIONS", "USERS", "ITEMS",
                "DATA FROM .. TO / METRICS");
        for (String version : versions) {
            String mark = current.filter(version::equals).isPresent() ? "*"
                    : variantB.filter(version::equals).isPresent() ? "B" : "";
            if (!store.isComplete(version)) {
                out.printf("%1s %-22s (incomplete: no _SUCCESS)%n", mark, version);
                continue;
            }
            ModelDescription model = store.description(version);
            ModelDescription.TrainedOn data = model.trainedOn();
            out.printf(ROW, mark, version, model.createdAt(), model.rank(), model.regParam(), model.alpha(),
                    model.iterations(), data.interactions(), data.users(), data.items(),
                    data.from() + " .. " + data.to() + "  purchases=" + data.purchases() + " views=" + data.views()
                            + " cartAdds=" + data.cartAdds() + "  " + metrics(model.metrics()));
        }
        out.println("* = CURRENT" + variantB.map(b -> ", B = experiment variant B (" + b + ")").orElse(""));
        return 0;
    }

    /** ALS's own figures and each baseline's NDCG: the whole set is in model.json and report.md. */
    private static String metrics(Map<String, Double> metrics) {
        return new TreeMap<>(metrics).entrySet().stream()
                .filter(entry -> !entry.getKey().contains(".") || entry.getKey().contains(".ndcg@"))
                .map(entry -> entry.getKey() + "=" + String.format("%.4g", entry.getValue()))
                .collect(Collectors.joining(" "));
    }
}
