package org.mptcpsim.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One module parameter a plug-in reads, declared once: its kernel name, type, default and
 * meaning. The scenario layer makes an option of it (checked against the type, defaulted as
 * declared); the plug-in reads it with {@link #getInt}, {@link #getBool} or {@link #get}, so the
 * default lives in one place.
 */
public final class ModuleParam {
    /** How a value is checked and spelled. */
    public enum Type {
        /** An integer in {@code [min, max]}. */
        INT,
        /** A bool module parameter, spelled Y/N as {@code /sys/module/.../parameters} shows it. */
        BOOL,
        /** Text, checked by the plug-in's own parser. */
        TEXT
    }

    private final String name;
    private final Type type;
    private final long min;
    private final long max;
    private final String defaultValue;
    private final String doc;
    private final Consumer<String> check;

    private ModuleParam(String name, Type type, long min, long max, String defaultValue, String doc,
                        Consumer<String> check) {
        this.name = Objects.requireNonNull(name);
        this.type = type;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.check = check;
    }

    /** An integer parameter in {@code [min, max]} with default {@code def}. */
    public static ModuleParam integer(String name, long min, long max, int def, String doc) {
        if (def < min || def > max) {
            throw new IllegalArgumentException(name + ": default " + def + " outside " + min + ".." + max);
        }
        return new ModuleParam(name, Type.INT, min, max, Integer.toString(def), doc, v -> { });
    }

    /** An integer parameter {@code >= min} (up to {@code INT_MAX}) with default {@code def}. */
    public static ModuleParam atLeast(String name, long min, int def, String doc) {
        return integer(name, min, Integer.MAX_VALUE, def, doc);
    }

    /** A bool parameter (Y/N) with default {@code def}. */
    public static ModuleParam bool(String name, boolean def, String doc) {
        return new ModuleParam(name, Type.BOOL, 0, 1, def ? "Y" : "N", doc, v -> { });
    }

    /**
     * A text parameter; {@code check} parses a value when the scenario is loaded and throws
     * {@link IllegalArgumentException} saying what is wrong and what is allowed.
     */
    public static ModuleParam text(String name, String def, String doc, Consumer<String> check) {
        return new ModuleParam(name, Type.TEXT, 0, 0, def, doc, check);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** Smallest allowed value ({@link Type#INT}). */
    public long min() {
        return min;
    }

    /** Largest allowed value ({@link Type#INT}). */
    public long max() {
        return max;
    }

    /** The kernel's default, as text (Y/N for a bool). */
    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** Checks a value (text parameters; the scenario layer checks the other types). */
    public void check(String value) {
        check.accept(value);
    }

    /** The value in {@code params}, else the default. */
    public String get(KernelParams params) {
        String v = params.get(name);
        return v == null ? defaultValue : v;
    }

    /** The value of an integer or bool parameter (a bool as 1/0). */
    public int getInt(KernelParams params) {
        return params.getInt(name, type == Type.BOOL ? ("Y".equals(defaultValue) ? 1 : 0)
                : Integer.parseInt(defaultValue));
    }

    /** The value of a bool parameter (any non-zero integer is true, as the kernel reads it). */
    public boolean getBool(KernelParams params) {
        return getInt(params) != 0;
    }

    /** Each parameter's name with its default, in declaration order. */
    public static Map<String, String> defaults(List<ModuleParam> params) {
        Map<String, String> m = new LinkedHashMap<>();
        params.forEach(p -> m.put(p.name, p.defaultValue));
        return m;
    }

    @Override
    public String toString() {
        return name + "=" + defaultValue;
    }
}
