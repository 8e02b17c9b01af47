package org.mptcpsim.report;

import java.util.List;
import java.util.Locale;

/**
 * A tiny HTML builder for self-contained pages: inline CSS, no scripts, every text escaped.
 * Not thread-safe; one instance per page.
 */
public final class Html {
    private static final String CSS = "body{font-family:sans-serif;margin:2em auto;max-width:1320px;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}"
            + "th,td{border:1px solid #bbb;padding:4px 10px;text-align:left}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#eee}"
            + "pre{background:#f6f6f6;padding:1em;overflow:auto}"
            + "img{max-width:100%;height:auto;border:1px solid #ddd;margin:0.5em 0}"
            + "figure{margin:1.5em 0}figcaption{font-weight:bold}";

    private final StringBuilder out = new StringBuilder();

    /** Starts a page with {@code title} as title and top heading. */
    public Html(String title) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        heading(1, title);
    }

    /** Escapes {@code & < > " '} for element text and attribute values. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A number for tables with exactly {@code decimals} digits, NaN as "n/a". */
    public static String num(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** {@code <hN>text</hN>}. */
    public Html heading(int level, String text) {
        out.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
        return this;
    }

    /** A paragraph of escaped text. */
    public Html paragraph(String text) {
        out.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Preformatted escaped text. */
    public Html pre(String text) {
        out.append("<pre>").append(escape(text)).append("</pre>\n");
        return this;
    }

    /** A collapsed block (native {@code <details>}, no script) holding preformatted text. */
    public Html details(String summary, String text) {
        out.append("<details><summary>").append(escape(summary)).append("</summary>\n<pre>").append(escape(text))
                .append("</pre></details>\n");
        return this;
    }

    /** A link with escaped target and text. */
    public Html link(String href, String text) {
        out.append("<p><a href=\"").append(escape(href)).append("\">").append(escape(text)).append("</a></p>\n");
        return this;
    }

    /**
     * A table; cells that parse as numbers are right-aligned. Every cell is escaped.
     */
    public Html table(List<String> header, List<List<String>> rows) {
        out.append("<table>\n<tr>");
        for (String h : header) {
            out.append("<th>").append(escape(h)).append("</th>");
        }
        out.append("</tr>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (String cell : row) {
                out.append(numeric(cell) ? "<td class=\"n\">" : "<td>").append(escape(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
        return this;
    }

    /** A figure showing the SVG {@code src} (relative path) with a link to {@code png}. */
    public Html figure(String src, String png, String caption) {
        out.append("<figure><figcaption>").append(escape(caption)).append("</figcaption>\n<img src=\"")
                .append(escape(src)).append("\" alt=\"").append(escape(caption))
                .append("\" width=\"1280\" height=\"720\">\n<div><a href=\"").append(escape(png))
                .append("\">PNG</a></div></figure>\n");
        return this;
    }

    /** Closes the page and returns it. */
    public String finish() {
        return out.append("</body>\n</html>\n").toString();
    }

    private static boolean numeric(String s) {
        if ("n/a".equals(s)) {
            return true;
        }
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
