package org.mptcpsim.study;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs one scenario once and writes a run directory (docs/outputs.md) into {@code outDir}. The
 * CLI plugs the simulator (or the kernel lab) in; tests plug a fake. Must be safe to call from
 * several threads at once with different {@code outDir}s, and must depend only on its arguments.
 */
@FunctionalInterface
public interface RunFunction {
    /**
     * @param scenario  the scenario file
     * @param seed      the run's seed
     * @param overrides {@code --set}-style {@code KEY=VALUE} strings, applied in order
     * @param outDir    the run directory to write (created by the caller, empty)
     */
    void run(Path scenario, long seed, List<String> overrides, Path outDir) throws Exception;
}
