package org.mptcpsim.scenario.parse;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.model.ScenarioException;
import org.mptcpsim.scenario.model.Sweep;
import org.mptcpsim.scenario.model.SweepAxis;
import org.mptcpsim.scenario.options.OptionRegistry;

/**
 * Entry point: reads a scenario file (YAML, or JSON when the name ends in {@code .json}), applies
 * {@code --set KEY=VALUE} overrides in order, and returns a validated {@link Scenario}. Every
 * problem is a located {@link ScenarioException}. Stateless and thread-safe.
 */
public final class ScenarioLoader {

    private final OptionRegistry registry;

    /** A loader over the plug-ins on the class path. */
    public ScenarioLoader() {
        this(OptionRegistry.standard());
    }

    /** A loader over a fixed option registry (tests, embedding). */
    public ScenarioLoader(OptionRegistry registry) {
        this.registry = registry;
    }

    /** Shorthand for {@code new ScenarioLoader().load(file, sets)}. */
    public static Scenario loadFile(Path file, List<String> sets) {
        return new ScenarioLoader().load(file, sets);
    }

    public OptionRegistry registry() {
        return registry;
    }

    /** Reads and validates {@code file} with {@code sets} ({@code KEY=VALUE}) applied in order. */
    public Scenario load(Path file, List<String> sets) {
        return parse(file.toString(), read(file), sets);
    }

    /**
     * Validates scenario text; {@code fileName} names it in errors, gives the default scenario name
     * and picks the syntax ({@code .json} = JSON, else YAML).
     */
    public Scenario parse(String fileName, String text, List<String> sets) {
        return bind(TreeReader.read(fileName, text), fileName, sets);
    }

    /**
     * The scenario once per point of its sweep grid (first axis slowest), each with
     * {@code sets} and then the point's overrides applied; a scenario without a sweep gives one
     * point with no overrides. Every point is validated before any is returned.
     */
    public List<SweepPoint> sweep(Path file, List<String> sets) {
        return sweepText(file.toString(), read(file), sets);
    }

    /**
     * As {@link #sweep(Path, List)}, but binds (validates) only the points {@code bind} accepts, e.g. one shard's; the
     * others come with their overrides and a null {@link SweepPoint#scenario()}.
     */
    public List<SweepPoint> sweep(Path file, List<String> sets, java.util.function.IntPredicate bind) {
        return sweepText(file.toString(), read(file), sets, bind);
    }

    /** {@link #sweep(Path, List)} on text. */
    public List<SweepPoint> sweepText(String fileName, String text, List<String> sets) {
        return sweepText(fileName, text, sets, i -> true);
    }

    private List<SweepPoint> sweepText(String fileName, String text, List<String> sets,
                                       java.util.function.IntPredicate bind) {
        MapNode root = TreeReader.read(fileName, text);
        Scenario base = bind(root.copy(), fileName, sets);
        List<SweepPoint> out = new ArrayList<>();
        if (base.sweep().isEmpty()) {
            out.add(new SweepPoint(new LinkedHashMap<>(), base));
            return out;
        }
        List<LinkedHashMap<String, String>> points = base.sweep().points();
        for (int i = 0; i < points.size(); i++) {
            LinkedHashMap<String, String> point = points.get(i);
            if (!bind.test(i)) {
                out.add(new SweepPoint(point, null));
                continue;
            }
            List<String> all = new ArrayList<>(sets);
            point.forEach((k, v) -> all.add(k + "=" + v));
            try {
                out.add(new SweepPoint(point, bind(root.copy(), fileName, all)));
            } catch (ScenarioException e) {
                throw everyBadValue(root, fileName, sets, base.sweep(), point, e);
            }
        }
        return out;
    }

    /**
     * A point failed with {@code e}: every bad value of the grid, each found by binding the scenario with that value
     * alone (one bind per value of each axis, not per point) and located at it in the {@code sweep:} block; when no
     * value is bad alone (only a combination is), the failing point's own errors.
     */
    private ScenarioException everyBadValue(MapNode root, String fileName, List<String> sets, Sweep sweep,
                                            Map<String, String> point, ScenarioException e) {
        List<ScenarioException> found = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SweepAxis axis : sweep.axes()) {
            for (String v : axis.values()) {
                List<String> one = new ArrayList<>(sets);
                one.add(axis.key() + "=" + v);
                try {
                    bind(root.copy(), fileName, one);
                } catch (ScenarioException bad) {
                    for (ScenarioException x : bad.errors()) {
                        ScenarioException at = atSweepValue(x, Map.of(axis.key(), v), root);
                        if (seen.add(at.getMessage())) {
                            found.add(at);
                        }
                    }
                }
            }
        }
        if (found.isEmpty()) {
            for (ScenarioException one : e.errors()) {
                found.add(atSweepValue(one, point, root));
            }
        }
        return ScenarioException.of(found);
    }

    /**
     * A point's values are applied as {@code --set KEY=VALUE}; an error located at one of them is moved to
     * that value in the file's {@code sweep:} block (the command line's own --set were validated in the base).
     */
    private static ScenarioException atSweepValue(ScenarioException e, Map<String, String> point, MapNode root) {
        for (Map.Entry<String, String> kv : point.entrySet()) {
            if (!e.file().equals("--set " + kv.getKey() + "=" + kv.getValue())
                    || !(root.get("sweep") instanceof MapNode sweep)) {
                continue;
            }
            Node axis = sweep.get(kv.getKey());
            String path = "sweep." + kv.getKey();
            if (axis instanceof ListNode l) {
                for (int i = 0; i < l.items().size(); i++) {
                    if (l.items().get(i) instanceof ScalarNode v && kv.getValue().equals(v.text())) {
                        return new ScenarioException(v.loc().withPath(path + "[" + i + "]"), e.problem(), e.allowed());
                    }
                }
            } else if (axis != null) {
                return new ScenarioException(axis.loc().withPath(path), e.problem(), e.allowed());
            }
        }
        return e;
    }

    /**
     * Applies each {@code --set} on its own (a bad one is left out and reported with the file's errors, each --set's
     * before the file's) and binds.
     */
    private Scenario bind(MapNode root, String fileName, List<String> sets) {
        Overrides o = new Overrides(registry);
        Map<String, String> applied = new LinkedHashMap<>();
        Problems pr = new Problems();
        for (String s : sets) {
            String[] kv = pr.attempt(() -> o.apply(root, s));
            if (kv != null) {
                applied.remove(kv[0]);
                applied.put(kv[0], kv[1]);
            }
        }
        Scenario sc = pr.attempt(() -> ScenarioBinder.bind(root, fileName, defaultName(fileName), registry, applied));
        pr.throwIfAny();
        return sc;
    }

    private static String defaultName(String fileName) {
        String n = Path.of(fileName).getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The largest scenario file: 1 MiB, checked before reading (docs/scenario-format.md, "Limits"). */
    public static final long MAX_FILE_BYTES = TreeReader.MAX_DOCUMENT_CHARS;

    /** The file's text, decoded as strict UTF-8 ({@link SourceText}), refused above {@link #MAX_FILE_BYTES}. */
    private static String read(Path file) {
        try {
            return SourceText.decode(file.toString(), DataFiles.read(file, "the file", "scenario file",
                    Loc.of(file.toString(), ""), MAX_FILE_BYTES, "1 MiB"));
        } catch (NoSuchFileException e) {
            throw new ScenarioException(Loc.of(file.toString(), ""), "no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ScenarioException(Loc.of(file.toString(), ""), "cannot read the file: permission denied");
        } catch (IOException e) {
            throw new ScenarioException(Loc.of(file.toString(), ""), "cannot read the file: " + e.getMessage());
        }
    }

    /** One point of a sweep: its overrides (key to value, axis order) and the scenario (null: not bound). */
    public record SweepPoint(LinkedHashMap<String, String> overrides, Scenario scenario) {
    }
}
