package dev.streamcart.recommender.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

import dev.streamcart.recommender.evaluation.Evaluation;
import dev.streamcart.recommender.evaluation.HoldOutSplit;
import dev.streamcart.recommender.evaluation.RankingMetrics;
import dev.streamcart.recommender.models.ModelDescription;

/**
 * Writes {@code report.md} (parameters, data range and sizes, the metrics table of ALS against
 * each baseline, timings) and, when there is an evaluation, {@code metrics.png} into a model folder.
 * Both go through a temporary file and a rename, so a reader never sees half a report.
 */
public final class ReportWriter {

    public static final String REPORT = "report.md";
    public static final String CHART = "metrics.png";

    private ReportWriter() {}

    public static void write(Path folder, RunReport report) throws IOException {
        if (report.evaluation() != null) {
            // a fixed temporary name, not createTempFile: that one is owner-only (0600), the report is for everyone
            Path chart = folder.resolve(CHART + ".tmp");
            MetricsChart.write(chart, report.evaluation());
            Files.move(chart, folder.resolve(CHART), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(folder.resolve(CHART));
        }
        Path markdown = folder.resolve(REPORT + ".tmp");
        Files.writeString(markdown, markdown(report), StandardCharsets.UTF_8);
        Files.move(markdown, folder.resolve(REPORT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String markdown(RunReport report) {
        ModelDescription model = report.model();
        ModelDescription.TrainedOn data = model.trainedOn();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(model.version()).append(": ").append(report.title()).append("\n\n");
        md.append("Model trained at ").append(model.createdAt()).append(" (").append(model.algorithm()).append(").\n\n");
        md.append("## Parameters\n\n| rank | regParam | alpha | iterations | seed | logEpsilon |\n|---:|---:|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %d | %s |%n%n", model.rank(), model.regParam(), model.alpha(),
                model.iterations(), model.seed(), model.logEpsilon()));
        md.append("## Data\n\n| | |\n|---|---|\n");
        md.append("| range | ").append(data.from()).append(" .. ").append(data.to()).append(" |\n");
        md.append("| user-item pairs | ").append(data.interactions()).append(" |\n");
        md.append("| users / items | ").append(data.users()).append(" / ").append(data.items()).append(" |\n");
        md.append("| purchased lines / views / cart adds | ").append(data.purchases()).append(" / ").append(data.views())
                .append(" / ").append(data.cartAdds()).append(" |\n\n");
        Evaluation evaluation = report.evaluation();
        if (evaluation == null) {
            md.append("## Evaluation\n\nNot evaluated: ").append(report.noEvaluationReason()).append("\n\n");
        } else {
            appendEvaluation(md, evaluation);
        }
        md.append("## Timings\n\n| step | seconds |\n|---|---:|\n");
        report.timings().forEach((step, seconds) -> md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", step, seconds)));
        return md.toString();
    }

    private static void appendEvaluation(StringBuilder md, Evaluation evaluation) {
        HoldOutSplit.Description split = evaluation.split();
        int k = split.k();
        md.append("## Evaluation on a time-based hold-out\n\n");
        md.append("Held out: ").append(split.holdOut()).append(", interactions from ").append(split.cutoff())
                .append(" to ").append(split.to()).append(". Trained on ").append(split.trainInteractions())
                .append(" user-item pairs (").append(split.trainUsers()).append(" users, ").append(split.trainItems())
                .append(" items); ").append(split.heldOutInteractions()).append(" held-out pairs; ")
                .append(split.evaluatedUsers()).append(" users evaluated (present on both sides with a new item). ")
                .append("Candidates exclude each user's training items; only held-out items the user had not had count.\n\n");
        md.append("| model |");
        for (String name : RankingMetrics.NAMES) {
            md.append(' ').append(name).append('@').append(k).append(" |");
        }
        md.append(" ALS NDCG / this |\n|---|");
        md.append("---:|".repeat(RankingMetrics.NAMES.length + 1)).append('\n');
        double alsNdcg = evaluation.als().ndcg();
        for (Map.Entry<String, RankingMetrics> entry : evaluation.byModel().entrySet()) {
            md.append("| ").append(entry.getKey()).append(" |");
            for (String name : RankingMetrics.NAMES) {
                md.append(String.format(Locale.ROOT, " %.4f |", entry.getValue().value(name)));
            }
            double ndcg = entry.getValue().ndcg();
            md.append(ndcg > 0 ? String.format(Locale.ROOT, " %.2fx |", alsNdcg / ndcg) : " n/a |").append('\n');
        }
        md.append("\n![metrics](").append(CHART).append(")\n\n");
    }
}
