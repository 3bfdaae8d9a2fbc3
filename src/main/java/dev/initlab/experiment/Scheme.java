package dev.initlab.experiment;

import dev.initlab.experiment.nn.Mlp;
import dev.initlab.experiment.nn.RunStreams;

import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.tensor.Shape;
import dev.initlab.random.PhiloxStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an experiment initializes a network: a catalog scheme applied to every layer, or the
 * data-dependent {@link Lsuv}. Written {@code NAME[:KEY=VALUE]...}, e.g. {@code kaiming_normal},
 * {@code xavier_normal:gain=1.6667}, {@code constant:value=0.05}, {@code lsuv:tol=0.05}.
 *
 * <p>Catalog schemes fill layer l's weight (shape out x in, PyTorch layout and fans) from stream 2l
 * of the run seed. Biases are zero, except for {@code torch_default}, whose biases follow PyTorch's
 * {@code Linear} default U(+-1/sqrt(fan_in)) (catalog {@code torch_bias_default}, stream 2l+1).
 */
public interface Scheme {
    /** The spec as written, used as the label in CSV files. */
    String label();

    /** Whether {@link #initialize} needs a data batch. */
    boolean dataDependent();

    /**
     * Initializes every weight and bias of {@code net} from {@code seed}.
     *
     * @param batch rows x width(0) inputs for a data-dependent scheme; ignored (may be null) otherwise
     */
    void initialize(Mlp net, long seed, float[] batch, int rows);

    /** Parses {@code NAME[:KEY=VALUE]...}; validates the scheme and its parameters now. */
    static Scheme parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty scheme name");
        }
        String[] parts = spec.trim().split(":");
        String name = parts[0].trim().toLowerCase(Locale.ROOT).replace('-', '_');
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0 || eq == parts[i].length() - 1) {
                throw new IllegalArgumentException("scheme '" + spec + "': expected KEY=VALUE after ':', got '" + parts[i] + "'");
            }
            String key = parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (params.put(key, parts[i].substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("scheme '" + spec + "': parameter " + key + " given twice");
            }
        }
        if (name.equals("lsuv")) {
            return Lsuv.of(spec.trim(), params);
        }
        return FromCatalog.of(spec.trim(), name, params);
    }

    /** Parses a comma-separated list of specs. */
    static List<Scheme> parseList(String specs) {
        List<Scheme> r = new ArrayList<>();
        for (String s : specs.split(",")) {
            if (!s.isBlank()) {
                r.add(parse(s));
            }
        }
        if (r.isEmpty()) {
            throw new IllegalArgumentException("no scheme given");
        }
        return r;
    }

    /** A catalog scheme applied layer by layer. */
    final class FromCatalog implements Scheme {
        private final String label;
        private final String name;
        private final Map<String, String> params;

        private FromCatalog(String label, String name, Map<String, String> params) {
            this.label = label;
            this.name = name;
            this.params = Map.copyOf(params);
        }

        static FromCatalog of(String label, String name, Map<String, String> params) {
            Catalog.of(name, Params.of(params), Layout.TORCH);
            return new FromCatalog(label, Catalog.entry(name).name(), params);
        }

        /** The canonical catalog name. */
        public String catalogName() {
            return name;
        }

        @Override public String label() { return label; }
        @Override public boolean dataDependent() { return false; }

        /** The initializer of one layer. */
        Initializer initializer() {
            return Catalog.of(name, Params.of(params), Layout.TORCH);
        }

        @Override
        public void initialize(Mlp net, long seed, float[] batch, int rows) {
            for (int l = 0; l < net.layers(); l++) {
                fillLayer(net, l, seed);
            }
            net.syncAll();
        }

        /** Fills layer l's weight (and bias) without refreshing the transposed copy. */
        void fillLayer(Mlp net, int l, long seed) {
            int out = net.width(l + 1);
            int in = net.width(l);
            Shape shape = Shape.of(out, in);
            Fans fans = Fans.of(shape, Layout.TORCH);
            initializer().fill(shape, fans, PhiloxStream.of(seed, 2L * l), RunStreams.engine(), net.weight(l));
            if (name.equals("torch_default")) {
                Catalog.of("torch_bias_default").fill(Shape.of(out), fans, PhiloxStream.of(seed, 2L * l + 1),
                        RunStreams.engine(), net.bias(l));
            } else {
                java.util.Arrays.fill(net.bias(l), 0f);
            }
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
