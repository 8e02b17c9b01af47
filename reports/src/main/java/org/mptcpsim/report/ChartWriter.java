package org.mptcpsim.report;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a chart as {@code NAME.png} (via {@link ChartUtils}) and {@code NAME.svg} (via
 * JFreeSVG). Output is deterministic: the SVG defs prefix is derived from the name, never from
 * the clock, and the PNG encoder writes no timestamp. Forces headless AWT if nothing chose yet.
 */
public final class ChartWriter {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartWriter() {
    }

    /** Writes {@code dir/name.png} and {@code dir/name.svg} at the default slide size. */
    public static void write(JFreeChart chart, Path dir, String name) throws IOException {
        write(chart, dir, name, ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }

    /** Writes {@code dir/name.png} and {@code dir/name.svg} at {@code width x height}. */
    public static void write(JFreeChart chart, Path dir, String name, int width, int height)
            throws IOException {
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".png"))) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        }
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix("mptcpsim-" + name + "-");
        chart.draw(g, new Rectangle(0, 0, width, height));
        Files.writeString(dir.resolve(name + ".svg"), g.getSVGDocument() + "\n", StandardCharsets.UTF_8);
    }
}
