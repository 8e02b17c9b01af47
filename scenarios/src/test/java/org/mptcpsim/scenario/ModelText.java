package org.mptcpsim.scenario;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.mptcpsim.scenario.model.Loc;
import org.mptcpsim.scenario.model.Scenario;
import org.mptcpsim.scenario.options.KernelOptions;

/** Renders a model as text without locations and source file, to compare YAML and JSON models. */
public final class ModelText {

    private ModelText() {
    }

    public static String render(Object o) {
        StringBuilder b = new StringBuilder();
        render(o, b);
        return b.toString();
    }

    private static void render(Object o, StringBuilder b) {
        if (o instanceof KernelOptions k) {
            b.append("kernel").append(k.effective()).append(k.explicit());
        } else if (o instanceof Scenario s) {   // a class (for its indexes): its components as a record's, without loc
            Object[] parts = {s.name(), s.durationPs(), s.seed(), s.samplePs(), s.kernel(), s.nodes(), s.links(),
                s.hosts(), s.routes(), s.connections(), s.sweep(), s.overrides()};
            b.append("Scenario(");
            for (Object part : parts) {
                render(part, b);
                b.append(' ');
            }
            b.append(')');
        } else if (o instanceof Record r) {
            b.append(r.getClass().getSimpleName()).append('(');
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getType() == Loc.class || c.getName().equals("sourceFile")) {
                    continue;
                }
                try {
                    b.append(c.getName()).append('=');
                    render(c.getAccessor().invoke(r), b);
                    b.append(' ');
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            b.append(')');
        } else if (o instanceof List<?> l) {
            b.append('[');
            l.forEach(x -> {
                render(x, b);
                b.append(',');
            });
            b.append(']');
        } else if (o instanceof Map<?, ?> m) {
            b.append('{');
            m.forEach((k, v) -> {
                b.append(k).append(':');
                render(v, b);
                b.append(',');
            });
            b.append('}');
        } else {
            b.append(o);
        }
    }
}
