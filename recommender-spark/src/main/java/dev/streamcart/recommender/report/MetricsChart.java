package dev.streamcart.recommender.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;

import dev.streamcart.recommender.evaluation.Evaluation;
import dev.streamcart.recommender.evaluation.RankingMetrics;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** {@code metrics.png}: a grouped bar chart of each metric@k, ALS next to each baseline. Headless. */
final class MetricsChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private MetricsChart() {}

    static void write(Path file, Evaluation evaluation) throws IOException {
        // a server or CI has no display; JFreeChart draws with Java2D off-screen
        System.setProperty("java.awt.headless", "true");
        int k = evaluation.split().k();
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        evaluation.byModel().forEach((model, metrics) -> {
            for (String name : RankingMetrics.NAMES) {
                dataset.addValue(metrics.value(name), model, name + "@" + k);
            }
        });
        JFreeChart chart = ChartFactory.createBarChart("ALS vs baselines on the time-based hold-out ("
                + evaluation.split().evaluatedUsers() + " users)", "metric", "value", dataset,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
