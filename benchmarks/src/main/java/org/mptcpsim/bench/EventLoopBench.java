package org.mptcpsim.bench;

import java.util.concurrent.TimeUnit;

import org.mptcpsim.core.Event;
import org.mptcpsim.core.EventLoop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event loop alone: {@code pending} self-rescheduling components (like links and timers),
 * each rescheduling itself a pseudo-random delay ahead when it fires. Reports events per second.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EventLoopBench -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EventLoopBench {
    static final int EVENTS = 1_000_000;

    @Param({"8", "64", "1024"})
    int pending;

    EventLoop loop;

    static final class Ticker extends Event {
        final EventLoop loop;
        long state;

        Ticker(EventLoop loop, long seed) {
            this.loop = loop;
            this.state = seed;
        }

        @Override
        protected void onEvent(long now) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            loop.schedule(this, now + 1 + ((state >>> 40) & 0xffff));
        }
    }

    @Setup(Level.Invocation)
    public void setup() {
        loop = new EventLoop();
        for (int i = 0; i < pending; i++) {
            loop.schedule(new Ticker(loop, i * 7919L + 1), i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long run() {
        loop.run(Long.MAX_VALUE, EVENTS);
        return loop.nowPs();
    }
}
