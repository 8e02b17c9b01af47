package org.mptcpsim.scenario.options;

import java.util.List;
import java.util.Locale;
import org.mptcpsim.core.ModuleParam;

/** The type of a kernel option: how a value is checked and normalised. */
public sealed interface OptionType {

    /**
     * The normalised value of {@code raw}, or a {@link BadOptionException} saying what is allowed.
     *
     * @param plugins the registered plug-ins, for options naming one
     */
    String normalize(String raw, Plugins plugins);

    /** A short description for error messages and docs, e.g. {@code "integer 0..1024"}. */
    String describe();

    /**
     * {@code normalized} (a value {@link #normalize} returned) as the JSON value summary.json
     * writes: a {@link Long} for integers and numeric sysctl booleans (the kernel prints 1/0), a
     * {@link Boolean} for Y/N module parameters and true/false simulator knobs, a {@code long[3]}
     * for a triple, the text otherwise (also when {@code normalized} does not parse, so a value
     * written by another tool is never lost).
     */
    default Object typed(String normalized) {
        return normalized;
    }

    /** An integer in {@code [min, max]}. */
    record IntRange(long min, long max) implements OptionType {
        @Override
        public String normalize(String raw, Plugins plugins) {
            long v;
            try {
                v = Long.parseLong(raw.trim());
            } catch (NumberFormatException e) {
                throw new BadOptionException("\"" + raw + "\" is not an integer; expected " + describe(), List.of());
            }
            if (v < min || v > max) {
                throw new BadOptionException(v + " is out of range; expected " + describe(), List.of());
            }
            return Long.toString(v);
        }

        @Override
        public String describe() {
            if (max == Integer.MAX_VALUE || max == Long.MAX_VALUE) {
                return "an integer >= " + min;
            }
            return "an integer " + min + ".." + max;
        }

        @Override
        public Object typed(String normalized) {
            try {
                return Long.parseLong(normalized.trim());
            } catch (NumberFormatException e) {
                return normalized;
            }
        }
    }

    /**
     * A boolean. Accepts true/false, yes/no, on/off, y/n, 1/0; normalised in the kernel's own
     * spelling: {@code style} NUMERIC gives 1/0 (sysctls), YN gives Y/N (bool module
     * parameters), WORD gives true/false (simulator knobs).
     */
    record Bool(Style style) implements OptionType {
        public enum Style { NUMERIC, YN, WORD }

        @Override
        public String normalize(String raw, Plugins plugins) {
            Boolean b = switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "y", "1" -> Boolean.TRUE;
                case "false", "no", "off", "n", "0" -> Boolean.FALSE;
                default -> null;
            };
            if (b == null) {
                throw new BadOptionException("\"" + raw + "\" is not a boolean", List.of("true", "false", "1", "0"));
            }
            return switch (style) {
                case NUMERIC -> b ? "1" : "0";
                case YN -> b ? "Y" : "N";
                case WORD -> b.toString();
            };
        }

        @Override
        public String describe() {
            return "a boolean";
        }

        @Override
        public Object typed(String normalized) {
            String v = normalized.trim();
            boolean yes = v.equals("1") || v.equals("Y") || v.equals("true");
            if (!yes && !v.equals("0") && !v.equals("N") && !v.equals("false")) {
                return normalized;
            }
            return style == Style.NUMERIC ? Long.valueOf(yes ? 1 : 0) : Boolean.valueOf(yes);
        }
    }

    /** One of a fixed list of words. */
    record Choice(List<String> values) implements OptionType {
        @Override
        public String normalize(String raw, Plugins plugins) {
            String v = raw.trim();
            if (!values.contains(v)) {
                throw new BadOptionException("\"" + raw + "\" is not allowed" + Names.didYouMean(v, values), values);
            }
            return v;
        }

        @Override
        public String describe() {
            return "one of " + String.join(", ", values);
        }
    }

    /** Free text. */
    record Text() implements OptionType {
        @Override
        public String normalize(String raw, Plugins plugins) {
            return raw;
        }

        @Override
        public String describe() {
            return "text";
        }
    }

    /**
     * Three byte counts min &lt;= default &lt;= max, as in {@code net.ipv4.tcp_rmem}: Linux's handler
     * ({@code proc_dointvec_minmax} with {@code extra1 = SYSCTL_ONE}) refuses a value below 1 or beyond an int.
     */
    record Triple() implements OptionType {
        @Override
        public String normalize(String raw, Plugins plugins) {
            String[] p = raw.trim().split("\\s+");
            String e = " (e.g. \"4096 131072 6291456\")";
            long[] v = new long[3];
            try {
                for (int i = 0; i < 3 && p.length == 3; i++) {
                    v[i] = Long.parseLong(p[i]);
                }
            } catch (NumberFormatException x) {
                p = new String[0];
            }
            if (p.length != 3) {
                throw new BadOptionException("\"" + raw + "\" is not " + describe() + e, List.of());
            }
            for (long x : v) {
                if (x < 1 || x > Integer.MAX_VALUE) {
                    throw new BadOptionException("\"" + raw + "\": " + x + " is out of range; each value is 1.."
                            + Integer.MAX_VALUE + " (Linux refuses 0 and values beyond an int)" + e, List.of());
                }
            }
            if (v[0] > v[1] || v[1] > v[2]) {
                throw new BadOptionException("\"" + raw + "\" is not ordered; " + describe() + e, List.of());
            }
            return v[0] + " " + v[1] + " " + v[2];
        }

        @Override
        public String describe() {
            return "three byte counts \"min default max\", each 1.." + Integer.MAX_VALUE + ", with min <= default"
                    + " <= max";
        }

        @Override
        public Object typed(String normalized) {
            String[] p = normalized.trim().split("\\s+");
            if (p.length != 3) {
                return normalized;
            }
            try {
                return new long[] {Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])};
            } catch (NumberFormatException e) {
                return normalized;
            }
        }
    }

    /** The name of a registered plug-in (congestion control, path manager or scheduler). */
    record Plugin(Plugins.Kind kind) implements OptionType {
        @Override
        public String normalize(String raw, Plugins plugins) {
            String v = raw.trim();
            List<String> known = plugins.names(kind);
            if (!known.contains(v)) {
                String what = "\"" + v + "\" is not a known " + kind.what();
                if (known.isEmpty()) {
                    throw new BadOptionException(what + " (none is registered: is its module on the class path?)",
                            List.of());
                }
                throw new BadOptionException(what + Names.didYouMean(v, known), known);
            }
            return v;
        }

        @Override
        public String describe() {
            return "the name of a registered " + kind.what();
        }
    }

    /**
     * A text module parameter a plug-in declares: {@code base}'s check, then the plug-in's own
     * parser ({@link ModuleParam#check}), so that e.g. a typo in {@code mptcp.endpoints} fails
     * when the scenario is loaded, not when the path manager starts.
     */
    record PluginParameter(OptionType base, ModuleParam param) implements OptionType {
        @Override
        public String normalize(String raw, Plugins plugins) {
            String v = base.normalize(raw, plugins);
            String name = param.name();
            try {
                param.check(v);
            } catch (IllegalArgumentException e) {
                String m = String.valueOf(e.getMessage());
                // the plug-in names its option first ("mptcp.endpoints: ..."); the location already does
                throw new BadOptionException(m.startsWith(name + ": ") ? m.substring(name.length() + 2) : m, List.of());
            }
            return v;
        }

        @Override
        public String describe() {
            return base.describe();
        }
    }
}
