package org.mptcpsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Checks on written chart files shared by the chart tests. */
final class ChartImages {
    /**
     * Minimum luminance variance of a real chart. A blank image has 0; a chart is mostly white
     * (255) with axes, text and lines: if 2% of pixels were black the variance would be
     * 255^2 x 0.02 x 0.98 ~ 1274, so 200 is a low but clearly non-blank bar.
     */
    static final double MIN_VARIANCE = 200;

    private ChartImages() {
    }

    /** Asserts dir/name.png is 1280x720 with non-trivial content and dir/name.svg is XML. */
    static void assertChart(Path dir, String name) throws Exception {
        BufferedImage img = ImageIO.read(dir.resolve(name + ".png").toFile());
        assertEquals(1280, img.getWidth(), name);
        assertEquals(720, img.getHeight(), name);
        double v = variance(img);
        assertTrue(v > MIN_VARIANCE, name + ": luminance variance " + v);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // JFreeSVG writes a DOCTYPE naming the W3C DTD; never fetch it (tests run offline)
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = f.newDocumentBuilder().parse(dir.resolve(name + ".svg").toFile());
        assertEquals("svg", svg.getDocumentElement().getLocalName(), name);
    }

    static double variance(BufferedImage img) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                double l = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                sum += l;
                sq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return sq / n - mean * mean;
    }
}
