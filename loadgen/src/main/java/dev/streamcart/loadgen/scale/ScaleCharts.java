package dev.streamcart.loadgen.scale;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;

/**
 * One PNG per figure of the scale report: the figure (y) against the orders held (x, logarithmic),
 * one point per size, so anyone can see whether a cost is flat, linear or worse.
 */
final class ScaleCharts {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int MARGIN = 70;

    private ScaleCharts() {}

    static void write(Path folder, List<ScaleFigures> sizes) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, Function<ScaleFigures, @Nullable Double>> figures = new LinkedHashMap<>();
        figures.put("seed-seconds", s -> s.seedSeconds());
        figures.put("absorption-seconds", s -> s.absorption().clickHouseSeconds());
        figures.put("verify-seconds", s -> s.verifySeconds());
        figures.put("api-rss-mib", s -> (double) s.apiRssMegabytes());
        figures.put("api-restart-seconds", s -> s.apiHealthAfterRestartSeconds());
        if (!sizes.isEmpty()) {
            for (String route : sizes.get(0).readP99Millis().keySet()) {
                figures.put("p99-ms-" + route, s -> s.readP99Millis().get(route));
            }
        }
        for (Map.Entry<String, Function<ScaleFigures, @Nullable Double>> figure : figures.entrySet()) {
            List<double[]> points = new ArrayList<>();
            for (ScaleFigures size : sizes) {
                Double value = figure.getValue().apply(size);
                if (value != null && size.orders() > 0) {
                    points.add(new double[] {size.orders(), value});
                }
            }
            ImageIO.write(chart(figure.getKey(), points), "png", folder.resolve(figure.getKey() + ".png").toFile());
        }
    }

    private static BufferedImage chart(String title, List<double[]> points) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title + " against orders held", MARGIN, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int left = MARGIN;
        int right = WIDTH - 30;
        int top = 50;
        int bottom = HEIGHT - 50;
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        if (points.isEmpty()) {
            g.drawString("no data", left + 20, top + 20);
            g.dispose();
            return image;
        }
        double minX = Math.log10(points.stream().mapToDouble(p -> p[0]).min().orElseThrow());
        double maxX = Math.log10(points.stream().mapToDouble(p -> p[0]).max().orElseThrow());
        if (maxX - minX < 1e-9) {
            minX -= 0.5;
            maxX += 0.5;
        }
        double maxY = points.stream().mapToDouble(p -> p[1]).max().orElseThrow() * 1.15;
        if (maxY <= 0) {
            maxY = 1;
        }
        for (int tick = 0; tick <= 4; tick++) {
            double value = maxY * tick / 4;
            int y = bottom - (int) ((bottom - top) * tick / 4.0);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, y, right, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value), 8, y + 4);
        }
        g.setColor(new Color(33, 102, 172));
        g.setStroke(new BasicStroke(2f));
        int[] previous = null;
        for (double[] point : points) {
            int x = left + (int) ((right - left - 20) * (Math.log10(point[0]) - minX) / (maxX - minX)) + 10;
            int y = bottom - (int) ((bottom - top) * point[1] / maxY);
            if (previous != null) {
                g.drawLine(previous[0], previous[1], x, y);
            }
            g.fillOval(x - 4, y - 4, 8, 8);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%,.0f", point[0]), x - 20, bottom + 16);
            g.setColor(new Color(33, 102, 172));
            previous = new int[] {x, y};
        }
        g.dispose();
        return image;
    }
}
