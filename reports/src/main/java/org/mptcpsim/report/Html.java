package org.mptcpsim.report;

import java.util.List;
import java.util.Locale;

/**
 * A tiny HTML builder for self-contained pages: inline CSS, no scripts, every text escaped.
 * The page fits a 1280-pixel window: the body is at most 1240 px wide, images scale to it, wide
 * text wraps or scrolls inside its own box. Not thread-safe; one instance per page.
 */
public final class Html {
    private static final String CSS = "*{box-sizing:border-box}"
            + "body{font-family:sans-serif;margin:0 auto;padding:8px 16px;max-width:1240px;color:#222;"
            + "font-size:15px;line-height:1.35}"
            + "h1{font-size:22px;margin:6px 0}h2{font-size:18px;margin:18px 0 6px}"
            + "p{margin:6px 0}p.lead{font-size:16px}"
            + "table{border-collapse:collapse;margin:6px 0;max-width:100%}"
            + "th,td{border:1px solid #bbb;padding:3px 8px;text-align:left;overflow-wrap:anywhere}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th{background:#eee}"
            + "tr.conn td{font-weight:bold;background:#f4f8fc}tr.diff td{background:#fff3c4;font-weight:bold}"
            + "pre{background:#f6f6f6;padding:1em;overflow:auto;max-width:100%}"
            + "img{max-width:100%;height:auto;border:1px solid #ddd;margin:4px 0}"
            + "figure{margin:12px 0}figcaption{font-weight:bold}"
            + "details{margin:8px 0}summary{cursor:pointer;font-weight:bold}";

    private final StringBuilder out = new StringBuilder();

    /** Starts a page with {@code title} as title and top heading. */
    public Html(String title) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
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

    /** A paragraph of escaped text with an id and a class (e.g. the report's lead sentence). */
    public Html paragraph(String id, String cssClass, String text) {
        out.append("<p id=\"").append(escape(id)).append("\" class=\"").append(escape(cssClass)).append("\">")
                .append(escape(text)).append("</p>\n");
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

    /** Opens a collapsed block whose content follows until {@link #endDetails}. */
    public Html beginDetails(String id, String summary) {
        out.append("<details id=\"").append(escape(id)).append("\"><summary>").append(escape(summary))
                .append("</summary>\n");
        return this;
    }

    /** Closes {@link #beginDetails}. */
    public Html endDetails() {
        out.append("</details>\n");
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
        return table(null, header, rows, null);
    }

    /**
     * A table with an id (may be null) and a CSS class per row ({@code rowClasses} parallel to
     * {@code rows}, entries or the list itself null for none).
     */
    public Html table(String id, List<String> header, List<List<String>> rows, List<String> rowClasses) {
        out.append(id == null ? "<table>\n<tr>" : "<table id=\"" + escape(id) + "\">\n<tr>");
        for (String h : header) {
            out.append("<th>").append(escape(h)).append("</th>");
        }
        out.append("</tr>\n");
        for (int i = 0; i < rows.size(); i++) {
            String cls = rowClasses == null ? null : rowClasses.get(i);
            out.append(cls == null ? "<tr>" : "<tr class=\"" + escape(cls) + "\">");
            for (String cell : rows.get(i)) {
                out.append(numeric(cell) ? "<td class=\"n\">" : "<td>").append(escape(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
        return this;
    }

    /**
     * A figure showing the PNG {@code png} (relative path; a raster loads and paints at once, where
     * an SVG of thousands of points paints slowly) with a link to the SVG {@code svg}.
     */
    public Html figure(String svg, String png, String caption) {
        out.append("<figure><figcaption>").append(escape(caption)).append("</figcaption>\n<img src=\"")
                .append(escape(png)).append("\" alt=\"").append(escape(caption))
                .append("\" width=\"1280\" height=\"720\">\n<div><a href=\"").append(escape(svg))
                .append("\">SVG</a></div></figure>\n");
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
        String t = s.endsWith(" %") ? s.substring(0, s.length() - 2) : s;
        try {
            Double.parseDouble(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
