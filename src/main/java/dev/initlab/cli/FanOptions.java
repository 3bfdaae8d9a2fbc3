package dev.initlab.cli;

import dev.initlab.init.Fans;

/** The shared {@code --fan-in} / {@code --fan-out} options of fill and verify. */
final class FanOptions {
    private FanOptions() {
    }

    /** Explicit fans from --fan-in/--fan-out, or null when neither is given; one alone is an error. */
    static Fans explicit(Args args) {
        boolean in = args.has("fan-in");
        boolean out = args.has("fan-out");
        if (in != out) {
            throw new IllegalArgumentException("give both --fan-in and --fan-out, or neither");
        }
        return in ? Fans.explicit(args.getLong("fan-in", 0), args.getLong("fan-out", 0)) : null;
    }
}
