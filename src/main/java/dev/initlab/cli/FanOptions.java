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

    /**
     * {@code --layout}, or the scheme's own convention when it is not given: Keras spellings read fans in the
     * keras layout, the rest in torch's ({@link dev.initlab.init.Initializers#defaultLayout}).
     */
    static dev.initlab.init.Layout layout(Args args, String scheme) {
        return args.has("layout") ? dev.initlab.init.Layout.parse(args.get("layout", null))
                : dev.initlab.init.Initializers.defaultLayout(scheme);
    }

    /**
     * The note to print once the command line is known to be valid when a Keras spelling chose the keras layout
     * (a torch-layout tensor would get other fans), or null.
     */
    static String layoutNote(Args args, String scheme) {
        if (args.has("layout") || args.has("fan-in") || dev.initlab.init.Initializers.defaultLayout(scheme)
                != dev.initlab.init.Layout.KERAS || !needsFans(scheme)) {
            return null;
        }
        return "initlab: note: " + scheme + " is a Keras spelling: fans are read in the keras layout "
                + "(kernels (k..., in, out)); give --layout torch for PyTorch (out, in, k...) tensors";
    }

    private static boolean needsFans(String scheme) {
        try {
            return dev.initlab.init.Initializers.of(scheme).needsFans();
        } catch (IllegalArgumentException e) {
            return true; // a scheme with required parameters: the note errs on the side of saying it
        }
    }
}
