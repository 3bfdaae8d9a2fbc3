package dev.initlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs independent tasks (training runs, probes) on a fixed number of threads and returns their
 * results in task order. Each task is single-threaded and deterministic, so the results do not
 * depend on the thread count or on scheduling.
 */
final class Parallel {
    private Parallel() {
    }

    /** Threads to use for {@code requested} (0 = all available processors). */
    static int threads(int requested) {
        if (requested < 0) {
            throw new dev.initlab.init.ParameterException(dev.initlab.init.ParameterException.name("threads")
                    + " must be >= 0 (0 = all cores), got " + requested);
        }
        return requested == 0 ? Runtime.getRuntime().availableProcessors() : requested;
    }

    /** Results of {@code task.apply(i)} for i in 0..count-1, in order. */
    static <T> List<T> map(int count, int threads, IntFunction<T> task) {
        List<T> out = new ArrayList<>(count);
        if (threads <= 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                out.add(task.apply(i));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count), r -> {
            Thread t = new Thread(r, "initlab-experiment");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int k = i;
                futures.add(pool.submit(() -> task.apply(k)));
            }
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }
}
