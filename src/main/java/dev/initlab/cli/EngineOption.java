package dev.initlab.cli;

import dev.initlab.fill.Engines;
import dev.initlab.fill.FillEngine;

/** The shared {@code --engine} / {@code --threads} options (all engines are bit-identical). */
final class EngineOption {
    private EngineOption() {
    }

    /**
     * {@code auto} (the default) means {@link Engines#oneShot(int)} here: a CLI process fills and
     * exits, so the SIMD kernels would spend seconds uncompiled; the named engines are used as asked.
     */
    static FillEngine resolve(Args args) {
        String name = args.get("engine", "auto");
        int threads = args.getThreads();
        if (name.equals("auto")) {
            Engines.resolveThreads(threads);
            return Engines.oneShot(threads);
        }
        return Engines.of(name, threads);
    }
}
