package dev.initlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.io.LoadedTensor;
import dev.initlab.io.Npy;
import dev.initlab.random.PhiloxStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FillCommandTest {
    @TempDir
    Path dir;

    /** In-process command line (kept for the tests that call it through this class). */
    static CliRun.Result run(String... argv) {
        return CliRun.run(argv);
    }

    @Test
    void rawUniformIsExactlyTwoUMinusOneFromTheStream() throws Exception {
        Path out = dir.resolve("x.bin");
        CliRun.Result r = run("fill", "--scheme", "uniform", "--low", "-1", "--high", "1", "--shape", "1000", "--seed", "42",
                "--format", "raw", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        byte[] bytes = Files.readAllBytes(out);
        assertEquals(4000, bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        PhiloxStream s = PhiloxStream.of(42, 0);
        for (int i = 0; i < 1000; i++) {
            float u = (s.word(i) >>> 8) * 0x1p-24f;
            assertEquals(Float.floatToIntBits(2 * u - 1), b.getInt(4 * i), "element " + i);
        }
    }

    @Test
    void npyGlorotKerasLayout() {
        Path out = dir.resolve("w.npy");
        CliRun.Result r = run("fill", "--scheme", "glorot_uniform", "--shape", "784x300", "--layout", "keras", "--seed", "7",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("fan_in 784, fan_out 300"), r.err());
        LoadedTensor t = Npy.read(out);
        assertArrayEquals(new long[] {784, 300}, t.shape());
        double lim = Math.sqrt(6.0 / 1084);
        for (double v : t.values()) {
            assertTrue(v >= -(float) lim && v < (float) lim);
        }
    }

    @Test
    void float64AndExplicitFansAndSafetensors() {
        Path out = dir.resolve("w.safetensors");
        CliRun.Result r = run("fill", "--scheme", "kaiming_normal", "--nonlinearity", "relu", "--shape", "64x3x7x7",
                "--fan-in", "147", "--fan-out", "3136", "--dtype", "float64", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out));
        // the generator version its bits belong to travels with the file
        assertEquals(Integer.toString(PhiloxStream.GENERATOR_VERSION),
                dev.initlab.io.Safetensors.metadata(out).get("initlab_generator_version"));
    }

    @Test
    void userErrorsExitTwoWithOneLineAndNoFile() {
        Path out = dir.resolve("bad.npy");
        String o = out.toString();
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"fill", "--scheme", "nope", "--shape", "3x3", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "glorot_uniform", "--shape", "3x3", "--fan-in", "0", "--fan-out", "3", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "glorot_uniform", "--shape", "3x3", "--fan-in", "-4", "--fan-out", "3", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "glorot_uniform", "--shape", "3x3", "--fan-in", "4", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "normal", "--std", "NaN", "--shape", "3x3", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "normal", "--std", "-1", "--shape", "3x3", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "normal", "--std", "inf", "--shape", "3x3", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "xavier_normal", "--gain", "-2", "--shape", "3x3", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "uniform", "--low", "1", "--high", "0", "--shape", "3x3", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "uniform", "--shape", "3x0", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "uniform", "--shape", "3x-2", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "uniform", "--shape", "4294967296x4294967296", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "uniform", "--shape", "65536x65536", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "glorot_uniform", "--gain", "2", "--shape", "3x3", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "glorot_uniform", "--shape", "3", "--layout", "torch", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "uniform", "--shape", "3", "--seed", "abc", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "uniform", "--shape", "3", "--dtype", "int8", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "uniform", "--shape", "3", "--bogus", "1", "--out", o});
        cases.add(new String[] {"fill", "--scheme", "uniform", "--shape", "3"});
        cases.add(new String[] {"fill", "--scheme", "uniform", "--shape", "3", "--out",
            dir.resolve("no/such/dir/x.npy").toString()});
        for (String[] c : cases) {
            CliRun.Result r = run(c);
            String line = String.join(" ", c);
            assertEquals(2, r.code(), line + " -> " + r.err());
            assertTrue(r.err().startsWith("initlab fill: error: "), line + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), line + " -> " + r.err());
            assertFalse(Files.exists(out), line);
        }
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void helpAndUnknownCommand() {
        CliRun.Result h = run("fill", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("--scheme NAME"));
        assertEquals(2, run("frobnicate").code());
        assertEquals(0, run("--help").code());
        CliRun.Result l = run("list");
        assertEquals(0, l.code());
        assertTrue(l.out().contains("kaiming_normal"));
    }
}
