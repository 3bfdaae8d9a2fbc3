package dev.initlab.init;

import dev.initlab.tensor.Shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.cli.CliRun;
import dev.initlab.fill.Engines;
import dev.initlab.io.TensorFiles;
import dev.initlab.random.PhiloxStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The Java front door: each bad input refused with its own message, and fills bit-identical to the CLI's. */
class InitializersTest {
    @TempDir
    Path dir;

    private static String refused(Executable e) {
        String m = assertThrows(IllegalArgumentException.class, e).getMessage();
        assertFalse(m.contains("--"), "the library speaks Java names, not options: " + m);
        return m;
    }

    @Test
    void eachBadInputHasItsMessage() {
        assertEquals("unknown scheme 'glorot_unifrom' (did you mean glorot_uniform?)",
                refused(() -> Initializers.of("glorot_unifrom")));
        assertEquals("scheme glorot_uniform does not take gain",
                refused(() -> Initializers.of("glorot_uniform", Parameters.none().gain(2))));
        assertEquals("gain must be a finite number, got NaN", refused(() -> Parameters.none().gain(Double.NaN)));
        assertEquals("std must be a finite number, got Infinity",
                refused(() -> Parameters.none().std(Double.POSITIVE_INFINITY)));
        assertEquals("std must be positive, got -1.0",
                refused(() -> Initializers.of("normal", Parameters.none().std(-1))));
        assertEquals("missing value", refused(() -> Initializers.of("constant")));
        assertEquals("a is the leaky_relu slope; it has no effect with nonlinearity relu",
                refused(() -> Initializers.of("kaiming_uniform", Parameters.none().a(1).nonlinearity("relu"))));
        assertEquals("gain 1e200 squared overflows (the variance scale is gain^2)",
                refused(() -> Initializers.of("xavier_uniform", Parameters.none().gain(1e200))));

        TensorInitializer tiny = Initializers.of("uniform", Parameters.none().low(0).high(1e-46));
        assertEquals("high 1e-46 rounds to 0 in float32, not above low 0",
                refused(() -> tiny.fill(new float[4], Shape.of(4), 0, 0)));
        assertEquals(4, tiny.fill(new double[4], Shape.of(4), 0, 0).length, "representable in float64");

        TensorInitializer glorot = Initializers.of("glorot_uniform");
        assertEquals("out has 5 elements but shape 2x3 has 6",
                refused(() -> glorot.fill(new float[5], Shape.of(2, 3), 0, 0)));
        assertEquals("out has 7 elements but shape 2x3 has 6",
                refused(() -> glorot.fill(new double[7], Shape.of(2, 3), 0, 0)));
        assertEquals("scheme uniform takes no fans", refused(() -> Initializers.of("uniform").withFans(Fans.of(3, 4))));
        assertEquals("fans must be positive, got fan_in=0 fan_out=4", refused(() -> Fans.of(0, 4)));
        assertTrue(refused(() -> Initializers.of("kaiming_uniform").fill(new float[10], Shape.of(10), 0, 0))
                .startsWith("PyTorch computes fans only for tensors with 2 or more dimensions, got 10"));
        assertEquals("threads must be between 1 and 1024, got 0", refused(() -> Engine.parallel(0)));
    }

    @Test
    void fansAreAValueNeverNull() {
        TensorInitializer he = Initializers.of("he_normal"); // Keras spelling: (in, out) kernels
        assertEquals(Layout.KERAS, he.layout());
        assertEquals(new Fans(784, 300), he.fans(Shape.of(784, 300)).orElseThrow());
        assertEquals(new Fans(3, 4), he.withFans(Fans.of(3, 4)).fans(Shape.of(784, 300)).orElseThrow());
        assertEquals(new Fans(300, 784), he.withLayout(Layout.TORCH).fans(Shape.of(784, 300)).orElseThrow());
        assertTrue(Initializers.of("uniform").fans(Shape.of(5)).isEmpty());
        // explicit fans make a 1-D tensor fillable under PyTorch's rule
        float[] bias = Initializers.of("kaiming_uniform").withFans(Fans.of(8, 8)).fill(new float[10], Shape.of(10), 1, 2);
        assertEquals(10, bias.length);
    }

    /** One case: a scheme with its CLI options and the same parameters typed. */
    private record Case(String scheme, Map<String, String> cli, Parameters typed, Shape shape) {
    }

    private static List<Case> cases() {
        return List.of(
                new Case("glorot_uniform", Map.of(), Parameters.none(), Shape.of(30, 20)),
                new Case("kaiming_normal_", Map.of("mode", "fan_out", "nonlinearity", "relu"),
                        Parameters.none().mode(FanMode.FAN_OUT).nonlinearity("relu"), Shape.of(16, 3, 3, 3)),
                new Case("xavier_uniform", Map.of("gain", "1.4142135623730951"),
                        Parameters.none().gain(Math.sqrt(2)), Shape.of(64, 33)),
                new Case("truncated_normal", Map.of("mean", "0.5", "std", "0.02", "low", "0.46", "high", "0.55"),
                        Parameters.none().mean(0.5).std(0.02).low(0.46).high(0.55), Shape.of(1001)),
                new Case("orthogonal", Map.of("gain", "2"), Parameters.none().gain(2), Shape.of(12, 7)),
                new Case("sparse", Map.of("sparsity", "0.3", "std", "0.05"),
                        Parameters.none().sparsity(0.3).std(0.05), Shape.of(10, 6)),
                new Case("RandomNormal", Map.of("stddev", "0.1"), Parameters.none().stddev(0.1), Shape.of(257)));
    }

    private static List<Engine> engines() {
        List<Engine> out = new ArrayList<>(List.of(Engine.scalar(), Engine.of(Engines.oneShot(3))));
        if (Engines.vectorAvailable()) {
            out.add(Engine.vector());
            out.add(Engine.parallel(3));
        }
        return out;
    }

    @Test
    void fillsAreBitIdenticalToTheFiveArgumentPathOnEveryEngine() {
        long seed = 0x5EEDL;
        long stream = 7;
        for (Case c : cases()) {
            Layout layout = Catalog.defaultLayout(c.scheme());
            Initializer old = Catalog.of(c.scheme(), Params.of(c.cli()), layout);
            Fans fans = old.needsFans() ? Fans.of(c.shape(), layout) : null;
            float[] want32 = old.fill32(c.shape(), fans, PhiloxStream.of(seed, stream), Engines.of("scalar"));
            double[] want64 = old.fill64(c.shape(), fans, PhiloxStream.of(seed, stream), Engines.of("scalar"));
            for (Engine e : engines()) {
                TensorInitializer typed = Initializers.of(c.scheme(), c.typed()).withEngine(e);
                TensorInitializer parsed = Initializers.of(c.scheme(), Parameters.parse(c.cli())).withEngine(e);
                String what = c.scheme() + " on " + e;
                assertArrayEquals(want32, typed.fill(new float[c.shape().count()], c.shape(), seed, stream), what);
                assertArrayEquals(want32, parsed.fill(new float[c.shape().count()], c.shape(), seed, stream), what);
                assertArrayEquals(want64, typed.fill(new double[c.shape().count()], c.shape(), seed, stream), what);
            }
        }
    }

    @Test
    void fillsAreBitIdenticalToInitlabFill() {
        for (Case c : cases().subList(0, 4)) {
            Path out = dir.resolve(c.scheme() + ".npy");
            List<String> argv = new ArrayList<>(List.of("fill", "--scheme", c.scheme(), "--shape", c.shape().toString(),
                    "--seed", "99", "--stream", "3", "--engine", "scalar", "--out", out.toString()));
            c.cli().forEach((k, v) -> argv.addAll(List.of("--" + k, v)));
            CliRun.Result r = CliRun.run(argv.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            double[] cli = TensorFiles.read(out, null, null, null).values();
            float[] api = Initializers.of(c.scheme(), c.typed()).fill(new float[c.shape().count()], c.shape(), 99, 3);
            assertEquals(cli.length, api.length);
            for (int i = 0; i < api.length; i++) {
                assertEquals(Float.floatToRawIntBits((float) cli[i]), Float.floatToRawIntBits(api[i]),
                        c.scheme() + " [" + i + "]");
            }
        }
    }

    @Test
    void theCliSpellsTheSameErrorsAsOptions() {
        CliRun.Result r = CliRun.run("fill", "--scheme", "uniform", "--low", "0", "--high", "1e-46", "--shape", "4",
                "--out", dir.resolve("u.npy").toString());
        assertEquals(2, r.code());
        assertEquals("initlab fill: error: --high 1e-46 rounds to 0 in float32, not above --low 0\n", r.err());
        CliRun.Result extra = CliRun.run("fill", "--scheme", "glorot_uniform", "--gain", "2", "--shape", "4x4",
                "--out", dir.resolve("g.npy").toString());
        assertEquals("initlab fill: error: scheme glorot_uniform does not take --gain\n", extra.err());
    }
}
