package dev.initlab.io;

import static dev.initlab.io.IoTestSupport.assertInput;
import static dev.initlab.io.IoTestSupport.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTablesTest {
    enum Kind { NORMAL, UNIFORM }

    /** Component order deliberately not alphabetical. */
    record Row(String scheme, double z, long n, int fanIn, float f, boolean pass, Kind kind, Double optional) {
    }

    record Pair(double b, double a) {
    }

    record Nested(List<Double> xs) {
    }

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryBitAndComponentOrder() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        List<Row> rows = new ArrayList<>();
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
            Double.MAX_VALUE, 0.1, 1e-300, Math.nextUp(1.0)};
        for (double s : specials) {
            rows.add(new Row("he,\"normal\"", s, Long.MIN_VALUE, 3, Float.NaN, true, Kind.NORMAL, null));
        }
        for (int i = 0; i < 200; i++) {
            rows.add(new Row("s" + i + "\nline2", r.nextDouble() * Math.scalb(1.0, r.nextInt(-100, 100)), r.nextLong(),
                    r.nextInt(), (float) r.nextGaussian(), i % 2 == 0, Kind.UNIFORM, r.nextDouble()));
        }
        rows.add(new Row("", 0, 0, 0, Float.NEGATIVE_INFINITY, false, null, -0.0));
        Path f = dir.resolve("t.csv");
        CsvTables.write(f, Row.class, rows);
        assertTrue(Files.readString(f).startsWith("scheme,z,n,fanIn,f,pass,kind,optional\n"), Files.readString(f));
        assertTrue(Files.readString(f).contains(",NaN,"));
        List<Row> back = CsvTables.read(f, Row.class);
        assertEquals(rows.size(), back.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i), back.get(i), "row " + i);
        }
        assertEquals(List.of("t.csv"), listing(dir).toList());
    }

    @Test
    void emptyListWritesHeaderOnly() throws IOException {
        Path f = dir.resolve("e.csv");
        CsvTables.write(f, Pair.class, List.of());
        assertEquals("b,a\n", Files.readString(f));
        assertEquals(List.of(), CsvTables.read(f, Pair.class));
    }

    @Test
    void nullStringReadsBackEmpty() {
        record S(String s) {
        }
        Path f = dir.resolve("s.csv");
        CsvTables.write(f, S.class, java.util.Arrays.asList(new S(null), new S("x")));
        assertEquals(List.of(new S(""), new S("x")), CsvTables.read(f, S.class));
    }

    @Test
    void headerMustMatch() throws IOException {
        Path f = Files.writeString(dir.resolve("h.csv"), "a,b\n1,2\n");
        assertInput(f, () -> CsvTables.read(f, Pair.class), "h.csv", "line 1", "expected \"b\", actual \"a\"");
        Path missing = Files.writeString(dir.resolve("m.csv"), "b\n1\n");
        assertInput(missing, () -> CsvTables.read(missing, Pair.class), "Missing header column");
        Path extra = Files.writeString(dir.resolve("x.csv"), "b,a,c\n1,2,3\n");
        assertInput(extra, () -> CsvTables.read(extra, Pair.class), "Extra header column \"c\"");
    }

    @Test
    void malformedRows() throws IOException {
        Path shortRow = Files.writeString(dir.resolve("short.csv"), "b,a\n1,2\n3\n");
        assertInput(shortRow, () -> CsvTables.read(shortRow, Pair.class), "line 3: Not enough column values");
        Path longRow = Files.writeString(dir.resolve("long.csv"), "b,a\n1,2,3\n");
        assertInput(longRow, () -> CsvTables.read(longRow, Pair.class), "line 2: Too many entries");
        Path text = Files.writeString(dir.resolve("text.csv"), "b,a\n1,abc\n");
        assertInput(text, () -> CsvTables.read(text, Pair.class), "line 2: column 'a': \"abc\" is not a valid double");
        Path empty = Files.writeString(dir.resolve("cell.csv"), "b,a\n1,\n");
        assertInput(empty, () -> CsvTables.read(empty, Pair.class), "line 2: column 'a': empty cell");
        Path blank = Files.writeString(dir.resolve("blank.csv"), "b,a\n1,2\n\n3,4\n");
        assertInput(blank, () -> CsvTables.read(blank, Pair.class), "line 3");
        Path quote = Files.writeString(dir.resolve("quote.csv"), "b,a\n\"1,2\n");
        assertInput(quote, () -> CsvTables.read(quote, Pair.class), "Missing closing quote");
    }

    @Test
    void badEnumValue() throws IOException {
        record E(Kind kind) {
        }
        Path f = Files.writeString(dir.resolve("enum.csv"), "kind\nNORMAL\nGAUSS\n");
        assertInput(f, () -> CsvTables.read(f, E.class), "line 3: column 'kind': \"GAUSS\" is not a valid Kind");
    }

    @Test
    void emptyAndMissingFiles() throws IOException {
        Path e = Files.writeString(dir.resolve("empty.csv"), "");
        assertInput(e, () -> CsvTables.read(e, Pair.class), "empty file: expected the header row b,a");
        Path latin1 = Files.write(dir.resolve("latin1.csv"), new byte[] {'b', ',', 'a', '\n', '1', ',', (byte) 0xe9, '\n'});
        assertInput(latin1, () -> CsvTables.read(latin1, Pair.class), "not valid UTF-8");
        Path none = dir.resolve("none.csv");
        assertInput(none, () -> CsvTables.read(none, Pair.class), "cannot read: no such file");
    }

    @Test
    void atomicWriteToMissingDirectory() {
        Path f = dir.resolve("nodir/t.csv");
        assertInput(f, () -> CsvTables.write(f, Pair.class, List.of(new Pair(1, 2))), "cannot write", "directory does not exist");
        assertEquals(List.of(), listing(dir).toList());
    }

    @Test
    void rejectsNonScalarComponents() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvTables.write(dir.resolve("n.csv"), Nested.class, List.of()));
        assertTrue(e.getMessage().contains("component 'xs' has type List"), e.getMessage());
        assertEquals(List.of(), listing(dir).toList());
    }
}
