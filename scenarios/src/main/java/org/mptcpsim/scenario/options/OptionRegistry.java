package org.mptcpsim.scenario.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mptcpsim.core.Flavour;
import org.mptcpsim.core.ModuleParam;
import org.mptcpsim.scenario.model.Loc;

/**
 * Every known kernel option: the built-in sysctls and simulator knobs, plus the module
 * parameters each registered plug-in declares in {@code parameters()}, with the type, default and
 * meaning declared there (a parameter two plug-ins declare keeps the first declaration; a
 * built-in option wins over a plug-in's). Immutable; injectable {@link Plugins} make it testable.
 */
public final class OptionRegistry {

    private static volatile OptionRegistry standard;

    private final Plugins plugins;
    private final Map<String, OptionDef> defs;

    public OptionRegistry(Plugins plugins) {
        this.plugins = plugins;
        Map<String, OptionDef> m = new TreeMap<>();
        for (OptionDef d : BuiltinOptions.all()) {
            m.put(d.name(), d);
        }
        for (Plugins.Kind kind : Plugins.Kind.values()) {
            plugins.parameters(kind).forEach((plugin, params) -> params.forEach(p ->
                    m.putIfAbsent(p.name(), pluginOption(plugin, p))));
        }
        this.defs = Collections.unmodifiableMap(m);
    }

    /** The registry over the plug-ins found on the class path (loaded once). */
    public static OptionRegistry standard() {
        OptionRegistry r = standard;
        if (r == null) {
            r = new OptionRegistry(Plugins.load());
            standard = r;
        }
        return r;
    }

    private static OptionDef pluginOption(String plugin, ModuleParam p) {
        OptionType t = switch (p.type()) {
            case INT -> new OptionType.IntRange(p.min(), p.max());
            case BOOL -> new OptionType.Bool(OptionType.Bool.Style.YN);
            case TEXT -> new OptionType.PluginParameter(new OptionType.Text(), p);
        };
        return new OptionDef(p.name(), t, p.defaultValue(), null, p.doc(), "plugin:" + plugin);
    }

    /** The plug-ins this registry validated names against (the runner builds from the same instance). */
    public Plugins plugins() {
        return plugins;
    }

    /** Every option, sorted by name. */
    public Map<String, OptionDef> options() {
        return defs;
    }

    /** The option named {@code name}, or {@code null}. */
    public OptionDef option(String name) {
        return defs.get(name);
    }

    public boolean isKnown(String name) {
        return defs.containsKey(name);
    }

    /**
     * The normalised value of option {@code name} set to {@code raw}.
     *
     * @throws BadOptionException for an unknown option (message suggests the closest names) or a
     *                            value outside the option's type (message gives what is allowed)
     */
    public String normalize(String name, String raw) {
        OptionDef d = defs.get(name);
        if (d == null) {
            List<String> close = Names.closest(name, defs.keySet(), 3);
            String hint = close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
            throw new BadOptionException("unknown kernel option \"" + name + "\"" + hint, List.of());
        }
        return d.type().normalize(raw, plugins);
    }

    /** Every option at its default for {@code flavour}. */
    public KernelOptions defaults(Flavour flavour) {
        Map<String, String> effective = new TreeMap<>();
        defs.forEach((k, d) -> effective.put(k, d.defaultFor(flavour)));
        effective.put(KernelOptions.FLAVOUR, flavour.key());
        return new KernelOptions(effective, Map.of(), Map.of());
    }

    /**
     * Options {@code base} (or the defaults when {@code null}) with {@code settings} applied on top.
     * Values must already be normalised with {@link #normalize}. Defaults follow the flavour in
     * effect (explicit in {@code settings}, else the base's).
     */
    public KernelOptions resolve(KernelOptions base, Map<String, Setting> settings) {
        Map<String, String> explicit = new LinkedHashMap<>();
        Map<String, Loc> locs = new LinkedHashMap<>();
        if (base != null) {
            base.explicit().forEach((k, v) -> {
                explicit.put(k, v);
                locs.put(k, base.locationOf(k));
            });
        }
        settings.forEach((k, s) -> {
            explicit.remove(k);
            explicit.put(k, s.value());
            locs.put(k, s.loc());
        });
        Flavour flavour = Flavour.of(explicit.getOrDefault(KernelOptions.FLAVOUR,
                defs.get(KernelOptions.FLAVOUR).defaultValue()));
        Map<String, String> effective = new TreeMap<>();
        defs.forEach((k, d) -> effective.put(k, d.defaultFor(flavour)));
        effective.putAll(explicit);
        return new KernelOptions(effective, explicit, locs);
    }

    /** One option value set by a scenario, with where it was set. */
    public record Setting(String value, Loc loc) {
    }
}
