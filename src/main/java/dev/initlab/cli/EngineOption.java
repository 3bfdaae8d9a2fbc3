package dev.initlab.cli;

import dev.initlab.fill.Engines;
import dev.initlab.fill.FillEngine;

/** The shared {@code --engine} / {@code --threads} options (all engines are bit-identical). */
final class EngineOption {
    private EngineOption() {
    }

    static FillEngine resolve(Args args) {
        return Engines.of(args.get("engine", "auto"), args.getInt("threads", 0));
    }
}
