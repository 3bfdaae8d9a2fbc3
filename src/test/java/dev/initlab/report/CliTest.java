package dev.initlab.report;

import dev.initlab.bench.JmhFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code initlab compare} and {@code initlab report} through {@link Main#run}: output and exit codes. */
class CliTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... argv) {
        return Main.run(argv, new PrintStream(out, true), new PrintStream(err, true));
    }

    Path jmh(String name, double score, double error) throws IOException {
        return new JmhFixture().thrpt("x.Bench.fill", Map.of("size", "4Ki"), score, error)
                .thrpt("x.Bench.other", Map.of("size", "4Ki"), 100, 1).write(dir.resolve(name));
    }

    @Test
    void regressionExitsOne() throws IOException {
        Path base = jmh("base.json", 1000, 10);
        Path cur = jmh("cur.json", 800, 10); // ratio 0.8, interval [0.78, 0.82]
        // absolute scores are judged only with --absolute (by default only same-fork paired ratios are)
        assertEquals(0, run("compare", base.toString(), cur.toString()));
        assertTrue(err.toString().contains("slower (absolute, not judged) 1"), err.toString());
        out.reset();
        err.reset();
        assertEquals(1, run("compare", base.toString(), cur.toString(), "--absolute"));
        assertTrue(out.toString().contains("regression"), out.toString());
        assertTrue(err.toString().contains("regression 1"), err.toString());
    }

    @Test
    void noRegressionExitsZero() throws IOException {
        Path base = jmh("base.json", 1000, 10);
        Path cur = jmh("cur.json", 990, 10);
        assertEquals(0, run("compare", base.toString(), cur.toString(), "--format", "csv"));
        assertTrue(out.toString().startsWith("benchmark,params,"), out.toString());
        // a looser threshold turns the 20% slow-down into no flag
        out.reset();
        assertEquals(0, run("compare", base.toString(), jmh("slow.json", 800, 10).toString(), "--threshold", "0.25",
                "--format", "md", "--absolute"));
        assertTrue(out.toString().startsWith("| benchmark |"), out.toString());
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        Path base = jmh("base.json", 1000, 10);
        assertEquals(2, run("compare", base.toString(), dir.resolve("missing.json").toString()));
        assertTrue(err.toString().contains("missing.json: no such file"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        err.reset();
        Path notJmh = Files.writeString(dir.resolve("x.json"), "{\"a\": 1}");
        assertEquals(2, run("compare", base.toString(), notJmh.toString()));
        assertTrue(err.toString().contains("not a JMH JSON result"), err.toString());
        err.reset();
        Path csv = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        assertEquals(2, run("compare", csv.toString(), base.toString()));
        err.reset();
        assertEquals(2, run("compare", base.toString()));
        assertEquals(2, run("compare", base.toString(), base.toString(), "--threshold", "1.5"));
        assertEquals(2, run("compare", base.toString(), base.toString(), "--format", "xml"));
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void historyFindsTheStep() throws IOException {
        for (int i = 1; i <= 8; i++) {
            new JmhFixture().thrpt("x.Bench.fill", Map.of("size", "4Ki"), i <= 4 ? 1000 + i : 600 + i, 5)
                    .write(dir.resolve("h/run-0" + i + ".json"));
        }
        assertEquals(1, run("compare", "--history", dir.resolve("h").toString()));
        assertTrue(out.toString().contains("run-05.json"), out.toString());
        assertTrue(out.toString().contains("slower (latest)"), out.toString());
    }

    @Test
    void reportCommandWritesAndHonoursStrict() throws IOException {
        // a verification CSV with one failed check is enough here (ReportGeneratorTest covers the rest)
        Path reports = dir.resolve("reports");
        Files.createDirectories(reports.resolve("verify"));
        Files.writeString(reports.resolve("verify/run.csv"), """
                file,tensor,scheme,check,statistic,p_value,alpha,passed,verdict
                w.npy,w,he_normal,mean,0.4,0.7,0.001,true,ok
                w.npy,w,he_normal,variance,9,1e-20,0.0005,false,FAIL: too wide
                """);
        assertEquals(0, run("report", "--in", reports.toString(), "--out", dir.resolve("out").toString()));
        assertTrue(Files.isRegularFile(dir.resolve("out/REPORT.md")));
        assertTrue(Files.isRegularFile(dir.resolve("out/report.html")));
        assertTrue(out.toString().contains("REPORT.md"));
        assertTrue(err.toString().contains("report: "));
        // a failed verification check: --strict exits 1
        assertEquals(1, run("report", "--in", reports.toString(), "--out", dir.resolve("out").toString(), "--strict"));
        assertEquals(2, run("report", "--in", dir.resolve("nowhere").toString()));
        assertTrue(run("report", "--help") == 0 && out.toString().contains("--baseline"));
    }
}
