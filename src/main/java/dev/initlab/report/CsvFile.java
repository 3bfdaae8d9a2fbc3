package dev.initlab.report;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A CSV file read as text: a header row and rows keyed by column name (RFC 4180 quoting, read
 * with Jackson's CSV module). The report reads other commands' outputs this way so that extra or
 * reordered columns do no harm.
 *
 * @param path where it was read from
 * @param columns header names in file order
 * @param rows rows as column-to-text maps (missing trailing cells are empty strings)
 */
record CsvFile(Path path, List<String> columns, List<Map<String, String>> rows) {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    CsvFile {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * Reads a CSV file with a header row.
     *
     * @throws IllegalArgumentException with a one-line message when it cannot be read or parsed
     */
    static CsvFile read(Path path) {
        List<String> cols = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvSchema.emptySchema())
                .readValues(path.toFile())) {
            boolean header = true;
            while (it.hasNext()) {
                String[] r = it.next();
                if (header) {
                    for (String c : r) {
                        cols.add(c.trim());
                    }
                    header = false;
                    continue;
                }
                if (r.length == 1 && r[0].isBlank()) {
                    continue;
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < cols.size(); i++) {
                    m.put(cols.get(i), i < r.length ? r[i] : "");
                }
                rows.add(m);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(path + ": cannot read CSV (" + firstLine(e.getMessage()) + ")");
        }
        if (cols.isEmpty()) {
            throw new IllegalArgumentException(path + ": empty CSV (no header row)");
        }
        return new CsvFile(path, cols, rows);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    boolean has(String column) {
        return columns.contains(column);
    }

    /** All of these columns exist. */
    boolean hasAll(List<String> cs) {
        return columns.containsAll(cs);
    }

    /** The first existing column among candidates. */
    Optional<String> firstOf(String... candidates) {
        for (String c : candidates) {
            if (columns.contains(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Parses a numeric cell; empty for blanks and text, NaN for the word NaN. */
    static OptionalDouble number(String s) {
        if (s == null || s.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Whether every non-blank cell of a column is a number. */
    boolean numeric(String column) {
        boolean any = false;
        for (Map<String, String> r : rows) {
            String v = r.get(column);
            if (v == null || v.isBlank()) {
                continue;
            }
            if (number(v).isEmpty()) {
                return false;
            }
            any = true;
        }
        return any;
    }
}
