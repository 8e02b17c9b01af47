package org.mptcpsim.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command line of the kernel lab until the {@code cli} module wraps it:
 * <pre>
 * java -cp ... org.mptcpsim.lab.LabMain --out DIR [--backend host|vm|uml] [--topology separate|shared]
 *      --path ID,RATE,DELAY,BUFFER[,SUBFLOWS] ...   (separate)   e.g. --path p1,10Mbit,10ms,150KB
 *      --path ID,DELAY[,SUBFLOWS] ... --shared ID,RATE,BUFFER   (shared)
 *      [--cc cubic] [--duration 10] [--tcp] [--competing N] [--sample 0.1] [--name NAME]
 *      [--kernel BZIMAGE|UML --modules DIR|none]                 (vm, uml: chosen by the image)
 * </pre>
 * Exit codes: 0 valid run, 1 error, 2 refused (reasons on stderr), 4 run finished but marked invalid.
 */
public final class LabMain {
    private LabMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** The command line's values, with their defaults. */
    private static final class Args {
        Path out, kernel, modules;
        String backend, topo = "separate", cc = "cubic", name = "kernel-lab", shared;
        double duration = 10, sample = 0.1;
        boolean mptcp = true;
        int competing;
        final List<String> pathArgs = new ArrayList<>();
    }

    static int run(String[] args) throws Exception {
        Args a = parse(args);
        if (a == null) return 1;
        if (a.out == null || a.pathArgs.isEmpty()) {
            System.err.println("--out and at least one --path are required");
            return 1;
        }
        LabSpec spec = spec(a);
        try {
            Backend b;
            try {
                b = KernelImage.resolve(a.backend, a.kernel);
            } catch (KernelImage.BadImage e) {
                System.err.println(e.getMessage());
                return 2;
            }
            Path summary = new Validation.KernelTarget(b, a.kernel, a.modules).run(spec, a.out);
            var json = RunDirWriter.readJson(summary);
            print(a.out, json);
            return json.path("valid").asBoolean() ? 0 : 4;
        } catch (LabRefusedException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    /** The parsed arguments, or null after reporting an unknown one. */
    private static Args parse(String[] args) {
        Args o = new Args();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> o.out = Path.of(args[++i]);
                case "--backend" -> o.backend = args[++i];
                case "--topology" -> o.topo = args[++i];
                case "--path" -> o.pathArgs.add(args[++i]);
                case "--shared" -> o.shared = args[++i];
                case "--cc" -> o.cc = args[++i];
                case "--duration" -> o.duration = Double.parseDouble(args[++i]);
                case "--tcp" -> o.mptcp = false;
                case "--competing" -> o.competing = Integer.parseInt(args[++i]);
                case "--sample" -> o.sample = Double.parseDouble(args[++i]);
                case "--name" -> o.name = args[++i];
                case "--kernel" -> o.kernel = Path.of(args[++i]);
                case "--modules" -> o.modules = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown argument " + a + "; see the class doc of org.mptcpsim.lab.LabMain");
                    return null;
                }
            }
        }
        return o;
    }

    /** The spec of the {@code --path}/{@code --shared} arguments. */
    private static LabSpec spec(Args a) {
        LabSpec.Topology t = LabSpec.Topology.valueOf(a.topo.toUpperCase(Locale.ROOT));
        List<LabSpec.Path> paths = new ArrayList<>();
        for (String p : a.pathArgs) {
            String[] f = p.split(",");
            if (t == LabSpec.Topology.SEPARATE) {
                paths.add(new LabSpec.Path(f[0], LabUnits.micros(f[2]), f.length > 4 ? Integer.parseInt(f[4]) : 1,
                        new LabSpec.Link(f[0], LabUnits.rateBps(f[1]), LabUnits.bytes(f[3]))));
            } else {
                paths.add(new LabSpec.Path(f[0], LabUnits.micros(f[1]), f.length > 2 ? Integer.parseInt(f[2]) : 1, null));
            }
        }
        LabSpec.Link sh = null;
        if (a.shared != null) {
            String[] f = a.shared.split(",");
            sh = new LabSpec.Link(f[0], LabUnits.rateBps(f[1]), LabUnits.bytes(f[2]));
        }
        return new LabSpec(a.name, t, paths, sh, a.duration, a.cc, a.mptcp, a.competing, a.sample, LabSpec.uniquePrefix());
    }

    /** The run's summary on stdout: validity, then per connection and subflow goodput, srtt, cwnd, losses. */
    private static void print(Path out, com.fasterxml.jackson.databind.JsonNode json) {
        System.out.println("wrote " + out + " valid=" + json.path("valid").asBoolean() + " " + json.path("invalidReason").asText(""));
        for (var c : json.path("connections")) {
            System.out.printf(Locale.ROOT, "  %s %s %.2f Mbit/s%n", c.path("id").asText(), c.path("type").asText(), c.path("goodputMbps").asDouble());
            for (var s : c.path("subflows")) {
                System.out.printf(Locale.ROOT, "    subflow %d %s %.2f Mbit/s srtt mean %.1f ms p99 %.1f ms cwnd mean %.1f retrans %d ssthresh-reductions %d%n",
                        s.path("id").asInt(), s.path("path"), s.path("goodputMbps").asDouble(), s.path("srttMeanMs").asDouble(),
                        s.path("srttP99Ms").asDouble(), s.path("cwndMean").asDouble(), s.path("retransmits").asInt(), s.path("ssthreshReductions").asInt());
            }
        }
    }
}
