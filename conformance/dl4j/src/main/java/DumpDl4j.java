// Dumps every Deeplearning4j weight initializer (org.deeplearning4j.nn.weights.WeightInit) and the
// default initialization of common layers on the conformance grid, as .npy fixtures with a manifest
// of what each file claims (the documented law). Not part of initlab's build.
//
// One-line command (from the repository root; JDK 17+ and Maven; downloads DL4J 1.0.0-M2.1 and
// nd4j-native for linux-x86_64, about 120 MB, into ~/.m2):
//     (cd conformance/dl4j && mvn -B -q compile exec:java -Dexec.args=../fixtures/dl4j)
//
// Claims follow the WeightInit javadoc (deeplearning4j-nn WeightInit.java, 1.0.0-beta7, the last
// release whose enum documents each law; 1.0.0-M2.1 moved the code into one class per scheme with
// the same formulas) and, for fans, the layers' ParamInitializer sources in 1.0.0-M2.1.
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public final class DumpDl4j {
    static final long SEED = 20261202L;
    static final String VERSION = "1.0.0-M2.1 (deeplearning4j-nn + nd4j-native linux-x86_64)";
    static final String DOC = "deeplearning4j-nn WeightInit javadoc (1.0.0-beta7; same formulas in the 1.0.0-M2.1 "
            + "WeightInit* classes) https://github.com/eclipse/deeplearning4j/blob/1.0.0-beta7/deeplearning4j/"
            + "deeplearning4j-nn/src/main/java/org/deeplearning4j/nn/weights/WeightInit.java";
    static final String FANS = "fans: DefaultParamInitializer (dense: nIn/nOut), ConvolutionParamInitializer "
            + "(nIn*kh*kw / nOut*kh*kw/stride), DeconvolutionParamInitializer (same with in/out of the layer), "
            + "DepthwiseConvolutionParamInitializer (nIn*kh*kw / multiplier*kh*kw), 1.0.0-M2.1";

    /** A grid entry: DL4J's weight shape, order and the fans its ParamInitializer passes. */
    record Grid(String name, long[] shape, char order, double fanIn, double fanOut) {
    }

    static final Map<String, Grid> GRID = new LinkedHashMap<>();

    static {
        GRID.put("dense_io", new Grid("dense_io", new long[] {256, 64}, 'f', 256, 64));
        GRID.put("conv", new Grid("conv", new long[] {32, 16, 3, 3}, 'c', 144, 288));
        GRID.put("depthwise", new Grid("depthwise", new long[] {3, 3, 32, 1}, 'c', 288, 9));
        GRID.put("transposed", new Grid("transposed", new long[] {16, 32, 3, 3}, 'c', 144, 288));
        GRID.put("square", new Grid("square", new long[] {64, 64}, 'f', 64, 64));
        GRID.put("big", new Grid("big", new long[] {1024, 1024}, 'f', 1024, 1024));
    }

    static final List<String[]> ROWS = new ArrayList<>();
    static Path out;

    public static void main(String[] a) throws IOException {
        out = Path.of(a.length > 0 ? a[0] : "../fixtures/dl4j");
        Files.createDirectories(out);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        List<String> fanGrid = List.of("dense_io", "conv", "depthwise", "transposed");

        // claims: scheme;params, in the catalog's terms, per the javadoc formula
        Object[][] inits = {
            {WeightInit.ZERO, "zeros", "", "every element 0", "doc"},
            {WeightInit.ONES, "ones", "", "every element 1", "doc"},
            {WeightInit.SIGMOID_UNIFORM, "variance_scaling", "scale=16;mode=fan_avg;distribution=uniform",
                "U(+-4 sqrt(6/(fanIn+fanOut)))", "doc"},
            {WeightInit.NORMAL, "variance_scaling", "scale=1;mode=fan_in;distribution=untruncated_normal",
                "N(0, 1/fanIn) (std 1/sqrt(fanIn))", "doc"},
            {WeightInit.LECUN_NORMAL, "variance_scaling", "scale=1;mode=fan_in;distribution=untruncated_normal",
                "N(0, 1/fanIn) (same as NORMAL)", "doc"},
            {WeightInit.UNIFORM, "variance_scaling", "scale=0.3333333333333333;mode=fan_in;distribution=uniform",
                "U(+-1/sqrt(fanIn))", "doc"},
            {WeightInit.XAVIER, "xavier_normal", "gain=1", "N(0, 2/(fanIn+fanOut))", "doc"},
            {WeightInit.XAVIER_UNIFORM, "xavier_uniform", "gain=1", "U(+-sqrt(6/(fanIn+fanOut)))", "doc"},
            {WeightInit.XAVIER_FAN_IN, "variance_scaling", "scale=1;mode=fan_in;distribution=untruncated_normal",
                "N(0, 1/fanIn)", "doc"},
            {WeightInit.RELU, "variance_scaling", "scale=2;mode=fan_in;distribution=untruncated_normal",
                "N(0, 2/fanIn)", "doc"},
            {WeightInit.RELU_UNIFORM, "variance_scaling", "scale=2;mode=fan_in;distribution=uniform",
                "U(+-sqrt(6/fanIn))", "doc"},
            {WeightInit.LECUN_UNIFORM, "variance_scaling", "scale=3;mode=fan_in;distribution=uniform",
                "U(+-3/sqrt(fanIn)) (javadoc; variance 3/fanIn)", "doc"},
            {WeightInit.VAR_SCALING_NORMAL_FAN_IN, "variance_scaling",
                "scale=1;mode=fan_in;distribution=untruncated_normal", "N(0, 1/fanIn)", "doc"},
            {WeightInit.VAR_SCALING_NORMAL_FAN_OUT, "variance_scaling",
                "scale=1;mode=fan_out;distribution=untruncated_normal", "N(0, 1/fanOut)", "doc"},
            {WeightInit.VAR_SCALING_NORMAL_FAN_AVG, "variance_scaling",
                "scale=1;mode=fan_avg;distribution=untruncated_normal", "N(0, 1/((fanIn+fanOut)/2))", "doc"},
            {WeightInit.VAR_SCALING_UNIFORM_FAN_IN, "uniform:fan_in", "", "U(+-3/fanIn) (javadoc: a=3.0/(fanIn))", "doc"},
            {WeightInit.VAR_SCALING_UNIFORM_FAN_OUT, "uniform:fan_out", "", "U(+-3/fanOut) (javadoc: a=3.0/(fanOut))", "doc"},
            {WeightInit.VAR_SCALING_UNIFORM_FAN_AVG, "uniform:fan_avg", "",
                "U(+-3/((fanIn+fanOut)/2)) (javadoc: a=3.0/((fanIn + fanOut)/2))", "doc"},
        };
        for (Object[] row : inits) {
            WeightInit w = (WeightInit) row[0];
            for (String g : fanGrid) {
                call(w.name(), "", w.getWeightInitFunction(), GRID.get(g), (String) row[1], (String) row[2],
                        (String) row[3], (String) row[4]);
            }
        }
        // cross-framework rows: the Keras law of the same name, on the same dumps
        crossRows("LECUN_UNIFORM", "variance_scaling", "scale=1;mode=fan_in;distribution=uniform",
                "Keras lecun_uniform: U(+-sqrt(3/fan_in))");
        crossRows("VAR_SCALING_UNIFORM_FAN_IN", "variance_scaling", "scale=1;mode=fan_in;distribution=uniform",
                "Keras VarianceScaling(mode=fan_in, distribution=uniform): U(+-sqrt(3/fan_in))");
        crossRows("VAR_SCALING_NORMAL_FAN_IN", "variance_scaling", "scale=1;mode=fan_in;distribution=truncated_normal",
                "Keras VarianceScaling(mode=fan_in, distribution=truncated_normal): variance 1/fan_in after truncation");
        call("IDENTITY", "", WeightInit.IDENTITY.getWeightInitFunction(), GRID.get("square"), "identity", "gain=1",
                "identity matrix (square only)", "doc");
        call("IDENTITY", "", WeightInit.IDENTITY.getWeightInitFunction(), GRID.get("dense_io"), "identity", "gain=1",
                "identity matrix (square only)", "doc");
        for (String g : List.of("dense_io", "conv")) {
            call("DISTRIBUTION", "UniformDistribution(-0.1, 0.3)",
                    WeightInit.DISTRIBUTION.getWeightInitFunction(new UniformDistribution(-0.1, 0.3)), GRID.get(g),
                    "uniform", "low=-0.1;high=0.3", "U(-0.1, 0.3)", "doc");
            call("DISTRIBUTION", "NormalDistribution(0.5, 0.02)",
                    WeightInit.DISTRIBUTION.getWeightInitFunction(new NormalDistribution(0.5, 0.02)), GRID.get(g),
                    "normal", "mean=0.5;std=0.02", "N(0.5, 0.02^2)", "doc");
        }
        call("XAVIER", "", WeightInit.XAVIER.getWeightInitFunction(), GRID.get("big"), "xavier_normal", "gain=1",
                "N(0, 2/(fanIn+fanOut))", "doc");

        // layers: the default (XAVIER) and RELU (the fans probe), fans as the ParamInitializers compute them
        for (WeightInit w : new WeightInit[] {null, WeightInit.RELU}) {
            layer("DenseLayer(256->64)", w, new DenseLayer.Builder().nIn(256).nOut(64), null, "dense_io", 256, 64);
            layer("ConvolutionLayer(16->32, 3x3)", w, new ConvolutionLayer.Builder(3, 3).nIn(16).nOut(32),
                    InputType.convolutional(8, 8, 16), "conv", 144, 288);
            layer("DepthwiseConvolution2D(32, x1, 3x3)", w, new DepthwiseConvolution2D.Builder(3, 3).nIn(32)
                    .depthMultiplier(1).nOut(32), InputType.convolutional(8, 8, 32), "depthwise", 288, 9);
            layer("Deconvolution2D(16->32, 3x3)", w, new Deconvolution2D.Builder(3, 3).nIn(16).nOut(32),
                    InputType.convolutional(8, 8, 16), "transposed", 144, 288);
        }
        writeManifest();
    }

    static void crossRows(String init, String scheme, String params, String law) {
        List<String[]> add = new ArrayList<>();
        for (String[] r : ROWS) {
            if (r[3].equals(init) && !r[7].isEmpty()) {
                String[] c = r.clone();
                c[8] = scheme;
                c[9] = params;
                c[11] = law;
                c[12] = "tf-keras v2.19.0 tf_keras/initializers/initializers.py; https://keras.io/api/layers/initializers/; cross-framework row, "
                        + "not the DL4J doc";
                c[13] = "cross-framework";
                add.add(c);
            }
        }
        for (String[] c : add) {
            c[0] = String.format("dl4j-%03d", ROWS.size());
            ROWS.add(c);
        }
    }

    static void call(String name, String params, IWeightInit fn, Grid g, String scheme, String cparams, String law,
                     String basis) throws IOException {
        Nd4j.getRandom().setSeed(SEED + ROWS.size());
        long n = 1;
        for (long d : g.shape()) {
            n *= d;
        }
        INDArray view = Nd4j.create(DataType.FLOAT, 1, n);
        String err = "";
        INDArray w = null;
        try {
            w = fn.init(g.fanIn(), g.fanOut(), g.shape(), g.order(), view);
        } catch (RuntimeException e) {
            err = String.valueOf(e.getMessage()).split("\n")[0];
        }
        String s = scheme;
        String p = cparams;
        if (scheme.startsWith("uniform:")) { // the javadoc's U(+-3/fan), without the sqrt
            String mode = scheme.substring(8);
            double fan = mode.equals("fan_in") ? g.fanIn() : mode.equals("fan_out") ? g.fanOut() : (g.fanIn() + g.fanOut()) / 2;
            s = "uniform";
            p = "low=" + (-3.0 / fan) + ";high=" + (3.0 / fan);
        }
        record(name, params, g.name(), g.shape(), w, s, p, fmt(g.fanIn()) + "/" + fmt(g.fanOut()), law,
                DOC + "; " + FANS, basis, err);
    }

    static void layer(String name, WeightInit w, org.deeplearning4j.nn.conf.layers.BaseLayer.Builder<?> b, InputType in, String grid, double fanIn,
                      double fanOut) throws IOException {
        long seed = SEED + ROWS.size();
        if (w != null) {
            b.weightInit(w);
        }
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .list().layer(b.build());
        if (in != null) {
            lb.setInputType(in);
        }
        MultiLayerConfiguration conf = lb.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray wt = net.getParam("0_W");
        String label = w == null ? "defaults (XAVIER)" : "weightInit=" + w.name();
        String scheme = w == null ? "xavier_normal" : "variance_scaling";
        String params = w == null ? "gain=1" : "scale=2;mode=fan_in;distribution=untruncated_normal";
        String law = w == null ? "XAVIER: N(0, 2/(fanIn+fanOut))" : "RELU: N(0, 2/fanIn)";
        record(name + ".W", label, grid, wt.shape(), wt, scheme, params, fmt(fanIn) + "/" + fmt(fanOut), law,
                DOC + "; " + FANS + "; default weightInit XAVIER: NeuralNetConfiguration.Builder (1.0.0-M2.1)", "doc", "");
        if (w == null && net.paramTable().containsKey("0_b")) {
            INDArray bias = net.getParam("0_b");
            record(name + ".b", "defaults (biasInit 0)", "bias_of_" + grid, new long[] {bias.length()}, bias, "zeros",
                    "", "", "every element 0 (biasInit 0.0)", "org/deeplearning4j/nn/conf/layers/BaseLayer.java: Builder biasInit default 0.0 (1.0.0-M2.1)",
                    "doc", "");
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static void record(String name, String params, String grid, long[] shape, INDArray w, String scheme, String cparams,
                       String fans, String law, String ref, String basis, String err) throws IOException {
        String id = String.format("dl4j-%03d", ROWS.size());
        String file = "";
        if (w != null) {
            file = id + ".npy";
            float[] v = Nd4j.toFlattened('c', w.castTo(DataType.FLOAT)).toFloatVector();
            npy(out.resolve(file), shape, v);
        }
        StringBuilder sh = new StringBuilder();
        for (long d : shape) {
            sh.append(sh.length() == 0 ? "" : "x").append(d);
        }
        ROWS.add(new String[] {id, "deeplearning4j", VERSION, name, params, grid, sh.toString(), file, scheme, cparams,
            fans, law, ref, basis, err});
    }

    static void npy(Path f, long[] shape, float[] v) throws IOException {
        StringBuilder s = new StringBuilder();
        for (long d : shape) {
            s.append(d).append(", ");
        }
        String dims = shape.length == 1 ? shape[0] + "," : s.substring(0, s.length() - 2);
        StringBuilder h = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }");
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.US_ASCII));
        for (float x : v) {
            b.putFloat(x);
        }
        Files.write(f, b.array());
    }

    static String q(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static void writeManifest() throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("manifest.csv")))) {
            w.print("id,framework,version,initializer,parameters,shape_name,shape,file,claim_scheme,claim_params,"
                    + "claim_fans,claimed_law,reference,basis,error\n");
            for (String[] r : ROWS) {
                StringBuilder b = new StringBuilder();
                for (String c : r) {
                    b.append(b.length() == 0 ? "" : ",").append(q(c));
                }
                w.print(b.append('\n'));
            }
        }
        System.err.println("wrote " + ROWS.size() + " rows to " + out);
    }
}
