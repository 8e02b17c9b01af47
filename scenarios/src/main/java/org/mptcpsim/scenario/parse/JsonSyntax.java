package org.mptcpsim.scenario.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's JSON syntax errors in the user's words: no parser feature names ({@code ALLOW_COMMENTS},
 * {@code JsonReadFeature...}), no {@code [Source: REDACTED ...]}, no character codes. Used for scenario files and
 * for the run files {@code report} reads (summary.json).
 */
public final class JsonSyntax {

    private static final Pattern NON_NUMBER = Pattern.compile("Non-standard token '([^']*)'");
    private static final Pattern OPENED = Pattern.compile("close marker for (Array|Object) \\(start marker at"
            + " .*?line: (\\d+), column: (\\d+)", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("\\('(.*?)' \\(code \\d+\\)\\)");
    private static final Pattern CTRL = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");

    private JsonSyntax() {
    }

    /**
     * The problem {@code message} (Jackson's {@code getOriginalMessage()}) describes, in plain words.
     *
     * @param what the kind of file, for the comment rule ("JSON scenario files", "summary.json")
     */
    public static String problem(String message, String what) {
        String m = message == null ? "" : message.strip();
        if (m.contains("ALLOW_COMMENTS") || m.contains("maybe a (non-standard) comment")) {
            return "comments are not allowed in " + what + " (// and /* */ are not JSON)"
                    + (what.startsWith("JSON scenario") ? "; remove it, or write the scenario in YAML, where # starts"
                    + " a comment" : "");
        }
        Matcher nn = NON_NUMBER.matcher(m);
        if (nn.find()) {
            return nn.group(1) + " is not a number here: JSON numbers are finite decimal numbers (e.g. 0.01)";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            Matcher o = OPENED.matcher(m);
            String detail = "";
            if (o.find()) {
                boolean list = o.group(1).equals("Array");
                detail = " (the " + (list ? "list" : "map") + " opened at line " + o.group(2) + ", column " + o.group(3)
                        + " is not closed by " + (list ? "]" : "}") + ")";
            } else if (m.contains("closing quote")) {
                detail = " (a string is not closed by \")";
            }
            return "the file ends in the middle of a value" + detail;
        }
        return plain(m);
    }

    /**
     * How far before Jackson's position (just after the token) a non-number token such as NaN starts: its length,
     * 0 for other messages.
     */
    public static int tokenBefore(String message) {
        Matcher nn = NON_NUMBER.matcher(message == null ? "" : message);
        return nn.find() ? nn.group(1).length() : 0;
    }

    /** Any other message: its first line without source locations, feature hints and character codes. */
    private static String plain(String m) {
        int nl = m.indexOf('\n');
        String s = nl < 0 ? m : m.substring(0, nl).strip();
        int src = s.indexOf(" at [Source");
        s = src < 0 ? s : s.substring(0, src);
        int bracket = s.indexOf("[Source");
        s = bracket < 0 ? s : s.substring(0, bracket).strip();
        s = s.replaceAll(": enable `[^`]*` to allow", "").replaceAll("\\s*\\(start marker$", "");
        s = CODE.matcher(s).replaceAll("'$1'");
        s = CTRL.matcher(s).replaceAll("(control character $1)");
        if (s.startsWith("Unexpected character")) {
            s = "unexpected character" + s.substring("Unexpected character".length());
        }
        return s.isEmpty() ? "not valid JSON" : s;
    }
}
