package org.mptcpsim.study;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs independent tasks on a fixed pool and returns their results in submission order, so the
 * outcome never depends on scheduling. On the first failure to complete (whatever its position)
 * the remaining tasks are cancelled, the pool is shut down and drained, and the failure is
 * rethrown.
 */
final class Parallel {
    private Parallel() {
    }

    /** Default pool size: all cores. */
    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static <T> List<T> run(List<Callable<T>> tasks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "mptcp-sim-study");
            t.setDaemon(true);
            return t;
        });
        CompletionService<T> done = new ExecutorCompletionService<>(pool);
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                futures.add(done.submit(task));
            }
            for (int i = 0; i < tasks.size(); i++) {
                done.take().get(); // fail fast, in completion order
            }
            List<T> out = new ArrayList<>(tasks.size());
            for (Future<T> f : futures) {
                out.add(f.get()); // all complete: results in submission order
            }
            return out;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } finally {
            for (Future<T> f : futures) {
                f.cancel(false);
            }
            pool.shutdownNow();
            boolean drained = false;
            while (!drained) {
                try {
                    drained = pool.awaitTermination(1, TimeUnit.MINUTES);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }
}
