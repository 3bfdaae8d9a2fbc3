package dev.initlab.cli;

import dev.initlab.fill.Engines;
import dev.initlab.init.Engine;

/** The shared {@code --engine} / {@code --threads} options (all engines are bit-identical). */
final class EngineOption {
    private EngineOption() {
    }

    /**
     * The engine {@code --engine NAME} names in {@link Engines#of(String, int)}; the default is
     * {@link Engines#ONE_SHOT} ({@code auto-scalar}): a CLI process fills and exits, so the SIMD
     * kernels would spend seconds uncompiled (README, "Engines").
     */
    static Engine resolve(Args args) {
        return Engine.of(args.get("engine", Engines.ONE_SHOT), args.getThreads());
    }
}
