package org.mptcpsim.study;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.mptcpsim.report.SyntheticRun;

/**
 * A {@link RunFunction} that writes a {@link SyntheticRun} whose summary numbers are computed
 * from the seed and the overrides by {@code model}; counts calls and successes per run dir.
 */
final class FakeRunner implements RunFunction {
    private final BiFunction<Long, Map<String, String>, SyntheticRun.Params> model;
    final AtomicInteger calls = new AtomicInteger();
    final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
    /** Throw instead of running on this call number (1-based); 0 = never. */
    volatile int failOnCall;

    FakeRunner(BiFunction<Long, Map<String, String>, SyntheticRun.Params> model) {
        this.model = model;
    }

    static Map<String, String> parse(List<String> overrides) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            out.put(o.substring(0, eq), o.substring(eq + 1));
        }
        return out;
    }

    @Override
    public void run(Path scenario, long seed, List<String> overrides, Path outDir) throws Exception {
        int call = calls.incrementAndGet();
        if (call == failOnCall) {
            throw new IllegalStateException("simulated crash on call " + call);
        }
        // vary completion order without affecting results
        Thread.sleep((seed * 7 + overrides.hashCode() & 0x7fffffff) % 4);
        SyntheticRun.write(outDir, model.apply(seed, parse(overrides)));
        successes.computeIfAbsent(outDir.getFileName().toString(), k -> new AtomicInteger()).incrementAndGet();
    }
}
