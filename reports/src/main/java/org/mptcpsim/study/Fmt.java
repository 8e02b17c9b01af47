package org.mptcpsim.study;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Deterministic number and CSV-cell formatting for study outputs. */
final class Fmt {
    private Fmt() {
    }

    /** At most 6 decimals, trailing zeros stripped, never exponent notation; "NaN" for NaN. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        String s = BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return "-0".equals(s) ? "0" : s;
    }

    /** A CSV cell, quoted when it holds a comma, quote or line break. */
    static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** A file-system-safe name: anything outside {@code [A-Za-z0-9._-]} becomes '_'. */
    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
