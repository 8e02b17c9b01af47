package org.mptcpsim.lab;

import java.nio.file.Path;

/** Placeholder replaced below. */
public final class VmLab {
    private final Path kernel;
    private final Path modules;

    public VmLab(Path kernel, Path modules) {
        this.kernel = kernel;
        this.modules = modules;
    }

    public Path run(LabSpec spec, Path outDir) throws LabRefusedException {
        throw new LabRefusedException(java.util.List.of("vm backend not built yet (kernel " + kernel + ", modules " + modules + ", out " + outDir + ", scenario " + spec.name() + ")"));
    }
}
