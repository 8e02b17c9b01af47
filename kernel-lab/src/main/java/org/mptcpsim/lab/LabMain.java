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

    static int run(String[] args) throws Exception {
        Path out = null, kernel = null, modules = null;
        String backend = null, topo = "separate", cc = "cubic", name = "kernel-lab";
        double duration = 10, sample = 0.1;
        boolean mptcp = true;
        int competing = 0;
        List<String> pathArgs = new ArrayList<>();
        String shared = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> out = Path.of(args[++i]);
                case "--backend" -> backend = args[++i];
                case "--topology" -> topo = args[++i];
                case "--path" -> pathArgs.add(args[++i]);
                case "--shared" -> shared = args[++i];
                case "--cc" -> cc = args[++i];
                case "--duration" -> duration = Double.parseDouble(args[++i]);
                case "--tcp" -> mptcp = false;
                case "--competing" -> competing = Integer.parseInt(args[++i]);
                case "--sample" -> sample = Double.parseDouble(args[++i]);
                case "--name" -> name = args[++i];
                case "--kernel" -> kernel = Path.of(args[++i]);
                case "--modules" -> modules = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown argument " + a + "; see the class doc of org.mptcpsim.lab.LabMain");
                    return 1;
                }
            }
        }
        if (out == null || pathArgs.isEmpty()) {
            System.err.println("--out and at least one --path are required");
            return 1;
        }
        LabSpec.Topology t = LabSpec.Topology.valueOf(topo.toUpperCase(Locale.ROOT));
        List<LabSpec.Path> paths = new ArrayList<>();
        for (String p : pathArgs) {
            String[] f = p.split(",");
            if (t == LabSpec.Topology.SEPARATE) {
                paths.add(new LabSpec.Path(f[0], LabUnits.micros(f[2]), f.length > 4 ? Integer.parseInt(f[4]) : 1,
                        new LabSpec.Link(f[0], LabUnits.rateBps(f[1]), LabUnits.bytes(f[3]))));
            } else {
                paths.add(new LabSpec.Path(f[0], LabUnits.micros(f[1]), f.length > 2 ? Integer.parseInt(f[2]) : 1, null));
            }
        }
        LabSpec.Link sh = null;
        if (shared != null) {
            String[] f = shared.split(",");
            sh = new LabSpec.Link(f[0], LabUnits.rateBps(f[1]), LabUnits.bytes(f[2]));
        }
        LabSpec spec = new LabSpec(name, t, paths, sh, duration, cc, mptcp, competing, sample, LabSpec.uniquePrefix());
        try {
            Backend b;
            try {
                b = KernelImage.resolve(backend, kernel);
            } catch (KernelImage.BadImage e) {
                System.err.println(e.getMessage());
                return 2;
            }
            Path summary = new Validation.KernelTarget(b, kernel, modules).run(spec, out);
            var json = RunDirWriter.readJson(summary);
            System.out.println("wrote " + out + " valid=" + json.path("valid").asBoolean() + " " + json.path("invalidReason").asText(""));
            for (var c : json.path("connections")) {
                System.out.printf(Locale.ROOT, "  %s %s %.2f Mbit/s%n", c.path("id").asText(), c.path("type").asText(), c.path("goodputMbps").asDouble());
                for (var s : c.path("subflows")) {
                    System.out.printf(Locale.ROOT, "    subflow %d %s %.2f Mbit/s srtt mean %.1f ms p99 %.1f ms cwnd mean %.1f retrans %d ssthresh-reductions %d%n",
                            s.path("id").asInt(), s.path("path"), s.path("goodputMbps").asDouble(), s.path("srttMeanMs").asDouble(),
                            s.path("srttP99Ms").asDouble(), s.path("cwndMean").asDouble(), s.path("retransmits").asInt(), s.path("ssthreshReductions").asInt());
                }
            }
            return json.path("valid").asBoolean() ? 0 : 4;
        } catch (LabRefusedException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
