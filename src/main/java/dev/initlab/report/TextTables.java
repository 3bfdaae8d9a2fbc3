package dev.initlab.report;

import dev.initlab.init.ParameterException;
import java.util.List;

/** Renders a {@link Doc.Table} as aligned plain text, RFC 4180 CSV or a Markdown table. */
final class TextTables {
    private TextTables() {
    }

    static String render(Doc.Table t, String format) {
        return switch (format) {
            case "table" -> aligned(t);
            case "csv" -> csv(t);
            case "md" -> {
                Doc d = new Doc();
                d.add(new Doc.Table(null, t.headers(), t.rows()));
                yield MarkdownWriter.render(d).stripTrailing() + "\n";
            }
            default -> throw new ParameterException(ParameterException.name("format") + " must be table, csv or md, got '"
                    + format + "'");
        };
    }

    static String aligned(Doc.Table t) {
        int n = t.headers().size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = t.headers().get(i).length();
        }
        for (var r : t.rows()) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], r.get(i).text().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, t.headers(), w);
        for (var r : t.rows()) {
            line(sb, r.stream().map(Doc.Cell::text).toList(), w);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            l.append(cells.get(i)).append(" ".repeat(w[i] - cells.get(i).length()));
            if (i + 1 < cells.size()) {
                l.append("  ");
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    static String csv(Doc.Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", t.headers().stream().map(TextTables::csvField).toList())).append('\n');
        for (var r : t.rows()) {
            sb.append(String.join(",", r.stream().map(c -> csvField(c.text())).toList())).append('\n');
        }
        return sb.toString();
    }

    static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
