package org.mptcpsim.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reference kernel runs of the regression scenarios ({@link LabScenarios}), kept small in the repository:
 * {@code summary.json} plus {@code subflows.csv}, {@code connections.csv} and {@code queues.csv} resampled to
 * {@link #STEP_S}. Usage (root, host kernel with MPTCP):
 * {@code java org.mptcpsim.lab.Reference --out kernel-lab/src/test/resources/reference --runs 3 [--first 1] [NAME...]}
 * writes {@code OUT/NAME/run-i/} and leaves the full run directories in {@code runs/reference-full/} (or {@code --full DIR};
 * never under src/, where Maven would copy them into target/ on every build).
 */
public final class Reference {
    /** Sample step of the committed CSVs. */
    public static final double STEP_S = 0.5;

    private Reference() {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        Path full = Path.of("runs", "reference-full");
        int runs = 3;
        int first = 1;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--first" -> first = Integer.parseInt(args[++i]);
                case "--full" -> full = Path.of(args[++i]);
                default -> names.add(args[i]);
            }
        }
        if (out == null) {
            System.err.println("usage: Reference --out DIR [--runs N] [NAME...]; names: " + LabScenarios.NAMES);
            System.exit(1);
        }
        if (names.isEmpty()) names = LabScenarios.NAMES;
        for (String n : names) {
            for (int i = first; i < first + runs; i++) {
                Path raw = full.resolve(n).resolve("run-" + i);
                System.out.printf(Locale.ROOT, "%s run %d (of %d..%d)%n", n, i, first, first + runs - 1);
                Validation.kernelRun(LabScenarios.load(n), new Validation.KernelTarget(Backend.HOST, null, null), raw, System.out);
                resample(raw, out.resolve(n).resolve("run-" + i), STEP_S);
            }
        }
    }

    /** Copies summary.json and the three CSVs keeping only rows at multiples of {@code step} seconds. */
    public static void resample(Path src, Path dst, double step) throws IOException {
        Files.createDirectories(dst);
        Files.copy(src.resolve("summary.json"), dst.resolve("summary.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (String f : List.of("subflows.csv", "connections.csv", "queues.csv")) {
            if (!Files.exists(src.resolve(f))) continue;
            List<String> in = RunDirWriter.readLines(src.resolve(f));
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < in.size(); i++) {
                String line = in.get(i);
                if (i == 0) {
                    b.append(line).append('\n');
                    continue;
                }
                int c = line.indexOf(',');
                if (c < 0) continue;
                double t = Double.parseDouble(line.substring(0, c));
                if (Math.abs(t / step - Math.rint(t / step)) < 1e-6) b.append(line).append('\n');
            }
            Files.writeString(dst.resolve(f), b.toString());
        }
    }

    /** The committed runs of {@code name} under {@code root} ({@code run-1, run-2, ...}), in order. */
    public static List<Path> runs(Path root, String name) throws IOException {
        List<Path> r = new ArrayList<>();
        for (int i = 1; Files.isDirectory(root.resolve(name).resolve("run-" + i)); i++) r.add(root.resolve(name).resolve("run-" + i));
        return r;
    }
}
