package dev.initlab.cli;

import dev.initlab.fill.FillEngine;
import dev.initlab.fill.ScalarEngine;

/** The shared {@code --engine} / {@code --threads} options. */
final class EngineOption {
    private EngineOption() {
    }

    static FillEngine resolve(Args args) {
        String name = args.get("engine", "auto");
        int threads = args.getInt("threads", 0);
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0 (0 = all cores), got " + threads);
        }
        return switch (name) {
            case "scalar", "auto" -> ScalarEngine.get();
            default -> throw new IllegalArgumentException("--engine must be scalar, vector, parallel or auto, got " + name);
        };
    }
}
