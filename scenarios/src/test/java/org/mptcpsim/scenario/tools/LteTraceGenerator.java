package org.mptcpsim.scenario.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Generates {@code scenarios/examples/traces/lte-synthetic.mahi}, a synthetic LTE-like downlink in the
 * Mahimahi format (one line per 1500-byte delivery opportunity, whole milliseconds). It is not measured
 * data: it is a small stochastic model with the features cellular traces show — a capacity that wanders
 * over seconds, deep fades, and TTI-granular bursts (several opportunities in one millisecond, then
 * none) — so that examples and tests can use a variable link without copying anyone's measurements.
 *
 * <p>The model, with the parameters below (all fixed, so the file is reproducible byte for byte):
 * <ol>
 *   <li>Every {@value #STEP_MS} ms the log of the capacity follows a stationary AR(1) process
 *       {@code x' = phi x + SIGMA sqrt(1 - phi^2) e}, {@code e ~ N(0, 1)}, {@code phi = exp(-STEP / TAU)}:
 *       log-normal capacity around the median {@value #MEDIAN_BPS} bit/s, log-scale standard deviation
 *       {@value #SIGMA}, correlation time {@value #TAU_MS} ms.</li>
 *   <li>Fades: a two-state Markov chain on the same steps, entering a fade with probability
 *       {@code STEP / FADE_EVERY_MS} and leaving with {@code STEP / FADE_MS} (mean fade {@value #FADE_MS} ms
 *       about every {@value #FADE_EVERY_MS} ms); in a fade the capacity is multiplied by {@value #FADE_GAIN}.</li>
 *   <li>Each 1 ms TTI the user is scheduled with probability {@value #SCHED_P}; a scheduled TTI adds
 *       {@code capacity x 1 ms / SCHED_P} bytes of credit (so the mean is the capacity), and every whole
 *       1500 bytes of credit is one opportunity at that millisecond.</li>
 *   <li>The trace lasts {@value #DURATION_MS} ms; the last millisecond always gets one opportunity, so the
 *       period Mahimahi repeats it with (its last timestamp) is exactly the duration.</li>
 * </ol>
 * Random numbers come from {@code SplittableRandom(SEED)}, Gaussians by Box–Muller with {@link StrictMath},
 * so every JVM writes the same file. {@code LteTraceGeneratorTest} checks that the committed file is this
 * generator's output; to rewrite it run that test with {@code -Dtrace.update=true}, or this class's main
 * with the output path.
 */
public final class LteTraceGenerator {
    static final long SEED = 2026;
    static final int DURATION_MS = 30_000;
    static final int STEP_MS = 10;
    static final double MEDIAN_BPS = 12e6;
    static final double SIGMA = 0.5;
    static final double TAU_MS = 2000;
    static final double FADE_EVERY_MS = 10_000;
    static final double FADE_MS = 300;
    static final double FADE_GAIN = 0.05;
    static final double SCHED_P = 0.6;
    static final int MTU = 1500;

    private LteTraceGenerator() {
    }

    /** The trace text. */
    public static String generate() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        double phi = StrictMath.exp(-STEP_MS / TAU_MS);
        double innov = SIGMA * StrictMath.sqrt(1 - phi * phi);
        double x = SIGMA * gaussian(rnd); // start in the stationary distribution
        boolean fade = false;
        double credit = 0;
        double rateBps = 0;
        StringBuilder out = new StringBuilder(DURATION_MS * 8);
        for (int ms = 1; ms <= DURATION_MS; ms++) {
            if ((ms - 1) % STEP_MS == 0) {
                x = phi * x + innov * gaussian(rnd);
                fade = fade ? rnd.nextDouble() >= STEP_MS / FADE_MS : rnd.nextDouble() < STEP_MS / FADE_EVERY_MS;
                rateBps = MEDIAN_BPS * StrictMath.exp(x) * (fade ? FADE_GAIN : 1);
            }
            if (rnd.nextDouble() < SCHED_P) {
                credit += rateBps / 8 / 1000 / SCHED_P;
            }
            int n = (int) (credit / MTU);
            credit -= (double) n * MTU;
            if (ms == DURATION_MS && n == 0) {
                n = 1;
            }
            for (int i = 0; i < n; i++) {
                out.append(ms).append('\n');
            }
        }
        return out.toString();
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    /** Writes the trace to {@code args[0]} (default: the examples' copy, from the repository root). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "scenarios/examples/traces/lte-synthetic.mahi");
        Files.writeString(out, generate(), StandardCharsets.US_ASCII);
        System.out.println("wrote " + out);
    }
}
