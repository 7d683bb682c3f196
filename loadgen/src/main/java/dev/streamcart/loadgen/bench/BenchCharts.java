package dev.streamcart.loadgen.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.streamcart.schemas.bench.BenchmarkResult;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's PNGs (JFreeChart, headless): per benchmark, one small bar chart per figure with a
 * bar per run and the median as a line, all in one image; and each chart a benchmark put in its
 * result, with the lines of every run.
 */
public final class BenchCharts {

    private static final int CELL_WIDTH = 360;
    private static final int CELL_HEIGHT = 240;
    private static final int COLUMNS = 3;
    private static final Color BAR = new Color(0x4C, 0x78, 0xA8);
    private static final Color MEDIAN = new Color(0xE4, 0x57, 0x56);

    private BenchCharts() {}

    /** Writes the benchmark's PNGs into {@code folder}; returns their file names. */
    public static List<String> write(Path folder, BenchmarkRecord benchmark, Map<Integer, BenchmarkResult> results)
            throws IOException {
        List<String> files = new ArrayList<>();
        if (!benchmark.figures().isEmpty()) {
            String file = benchmark.name() + "-figures.png";
            ImageIO.write(figuresPerRun(benchmark), "png", folder.resolve(file).toFile());
            files.add(file);
        }
        Map<String, List<Map.Entry<Integer, BenchmarkResult.Chart>>> charts = new LinkedHashMap<>();
        results.forEach((run, result) -> result.charts().forEach(chart ->
                charts.computeIfAbsent(chart.name(), name -> new ArrayList<>()).add(Map.entry(run, chart))));
        for (Map.Entry<String, List<Map.Entry<Integer, BenchmarkResult.Chart>>> chart : charts.entrySet()) {
            String file = benchmark.name() + "-" + chart.getKey().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
                    + ".png";
            BufferedImage image = new BufferedImage(900, 500, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            line(chart.getValue(), results.size() > 1).draw(g, new Rectangle2D.Double(0, 0, 900, 500));
            g.dispose();
            ImageIO.write(image, "png", folder.resolve(file).toFile());
            files.add(file);
        }
        return files;
    }

    /** Small multiples: the figures differ in unit and scale, so each gets its own axis. */
    static BufferedImage figuresPerRun(BenchmarkRecord benchmark) {
        int count = benchmark.figures().size();
        int columns = Math.min(COLUMNS, count);
        int rows = (count + columns - 1) / columns;
        int header = 36;
        BufferedImage image = new BufferedImage(columns * CELL_WIDTH, header + rows * CELL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(benchmark.name() + ": each figure per run (bars) and its median (red line)", 10, 24);
        int index = 0;
        for (Map.Entry<String, Double> figure : benchmark.figures().entrySet()) {
            int x = (index % columns) * CELL_WIDTH;
            int y = header + (index / columns) * CELL_HEIGHT;
            bars(benchmark, figure.getKey(), figure.getValue()).draw(g, new Rectangle2D.Double(x, y, CELL_WIDTH, CELL_HEIGHT));
            index++;
        }
        g.dispose();
        return image;
    }

    private static JFreeChart bars(BenchmarkRecord benchmark, String figure, double median) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RunRecord run : benchmark.runs()) {
            Double value = run.figures().get(figure);
            if (value != null) {
                data.addValue(value, figure, "run " + run.run());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(null, null, null, data, PlotOrientation.VERTICAL, false, false, false);
        chart.setTitle(new TextTitle(figure + " = " + MarkdownReport.number(median), new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, BAR);
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setMaximumBarWidth(0.25);
        ValueMarker marker = new ValueMarker(median, MEDIAN, new BasicStroke(2f));
        plot.addRangeMarker(marker);
        return chart;
    }

    private static JFreeChart line(List<Map.Entry<Integer, BenchmarkResult.Chart>> perRun, boolean labelRuns) {
        BenchmarkResult.Chart first = perRun.get(0).getValue();
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<Integer, BenchmarkResult.Chart> run : perRun) {
            for (BenchmarkResult.Line line : run.getValue().lines()) {
                XYSeries series = new XYSeries((labelRuns ? "run " + run.getKey() + ": " : "") + line.label(), false, true);
                line.points().forEach(point -> series.add(point.x(), point.y()));
                data.addSeries(series);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(first.title(), first.xLabel(), first.yLabel(), data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }
}
