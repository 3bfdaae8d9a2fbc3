package dev.initlab.init;

import dev.initlab.fill.Engines;
import dev.initlab.fill.FillEngine;
import java.util.Objects;

/**
 * Which fill engine does the work, as a value. Every engine writes bit-identical tensors; they differ only
 * in speed. A thin handle over {@link Engines}: the factories check at once that the engine can run here
 * (the SIMD engines need {@code --add-modules jdk.incubator.vector}).
 */
public final class Engine {
    private final FillEngine engine;

    private Engine(FillEngine engine) {
        this.engine = engine;
    }

    /** The reference engine: one element at a time, always available. */
    public static Engine scalar() {
        return new Engine(Engines.of("scalar", 1));
    }

    /** Single-threaded SIMD (Vector API); throws {@link IllegalArgumentException} where it cannot run. */
    public static Engine vector() {
        return new Engine(Engines.of("vector", 1));
    }

    /**
     * {@code threads} threads (the caller and {@code threads - 1} pooled workers), each chunk filled with
     * SIMD; throws {@link IllegalArgumentException} where the Vector API cannot run or for a thread count
     * outside 1 to {@link Engines#MAX_THREADS}.
     */
    public static Engine parallel(int threads) {
        if (threads < 1 || threads > Engines.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 1 and " + Engines.MAX_THREADS + ", got "
                    + threads);
        }
        return new Engine(Engines.of("parallel", threads));
    }

    /**
     * The engine {@link Engines#of(String, int)} calls {@code name} ({@code scalar}, {@code vector},
     * {@code parallel}, {@code auto}, {@code auto-scalar}); {@code threads <= 0} means all processors.
     *
     * @throws IllegalArgumentException for an unknown name, too many threads, or a SIMD engine where the Vector
     *     API cannot run
     */
    public static Engine of(String name, int threads) {
        return new Engine(Engines.of(name, threads));
    }

    /**
     * The engine for a process that fills once and exits ({@link Engines#oneShot(int)}, {@code auto-scalar}):
     * scalar kernels, on {@code threads} threads for large fills.
     */
    public static Engine oneShot(int threads) {
        return new Engine(Engines.oneShot(threads));
    }

    /** Any {@link FillEngine} (e.g. one of {@link Engines}' policies), as a value. */
    public static Engine of(FillEngine engine) {
        return new Engine(Objects.requireNonNull(engine, "engine"));
    }

    /** The engine's name, e.g. {@code scalar}. */
    public String label() {
        return engine.name();
    }

    /** The fill engine itself. */
    public FillEngine fillEngine() {
        return engine;
    }

    @Override
    public String toString() {
        return label();
    }
}
