package dev.initlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small document model rendered twice, to Markdown ({@link MarkdownWriter}) and to HTML
 * ({@link HtmlWriter}), so both outputs carry the same content. All text is plain text: the
 * writers escape it for their format.
 */
final class Doc {
    private final List<Block> blocks = new ArrayList<>();

    /** A block of the document. */
    sealed interface Block permits Heading, Para, Bullets, Table, Image, Code {
    }

    /** A section heading, level 1 to 4. */
    record Heading(int level, String text) implements Block {
        /** An anchor id derived from the text. */
        String id() {
            return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        }
    }

    /** How a span of text is set. */
    enum Style { PLAIN, BOLD, CODE, EM }

    /** A run of text in one style. */
    record Span(String text, Style style) {
        Span {
            text = text == null ? "" : text;
        }
    }

    /** A paragraph. */
    record Para(List<Span> spans) implements Block {
        Para {
            spans = List.copyOf(spans);
        }
    }

    /** A bullet list of paragraphs. */
    record Bullets(List<Para> items) implements Block {
        Bullets {
            items = List.copyOf(items);
        }
    }

    /** Emphasis of a table cell: a failed check is BAD, a met target GOOD. */
    enum Tone { NONE, GOOD, BAD, WARN, MUTED }

    /** A table cell. */
    record Cell(String text, Tone tone) {
        Cell {
            text = text == null ? "" : text;
        }
    }

    /**
     * A table with an optional caption (shown above it) and an optional source file (a path relative
     * to the report, usually the CSV the rows come from, linked next to the caption). Tables longer
     * than {@link #COLLAPSE_ROWS} rows are rendered collapsed (HTML {@code <details>}) behind a
     * summary line, so the page stays short.
     */
    record Table(String caption, List<String> headers, List<List<Cell>> rows, String source) implements Block {
        /** Tables with more rows than this are collapsed behind a summary line. */
        static final int COLLAPSE_ROWS = 30;

        /** A table without a source file. */
        Table(String caption, List<String> headers, List<List<Cell>> rows) {
            this(caption, headers, rows, null);
        }

        /** Whether the writers collapse it. */
        boolean collapsed() {
            return rows.size() > COLLAPSE_ROWS;
        }

        /** The same table with a source file. */
        Table withSource(String src) {
            return new Table(caption, headers, rows, src);
        }

        Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<Cell> r : rows) {
                if (r.size() != headers.size()) {
                    throw new IllegalArgumentException("row has " + r.size() + " cells, table has " + headers.size()
                            + " columns");
                }
            }
        }
    }

    /** An image file relative to the report directory. */
    record Image(String path, String alt, String caption) implements Block {
    }

    /** Preformatted text (commands, raw metadata). */
    record Code(String text) implements Block {
    }

    List<Block> blocks() {
        return List.copyOf(blocks);
    }

    Doc add(Block b) {
        blocks.add(b);
        return this;
    }

    Doc heading(int level, String text) {
        return add(new Heading(level, text));
    }

    /** A plain paragraph. */
    Doc p(String text) {
        return add(new Para(List.of(new Span(text, Style.PLAIN))));
    }

    /** A paragraph of spans. */
    Doc p(Span... spans) {
        return add(new Para(Arrays.asList(spans)));
    }

    Doc bullets(List<String> items) {
        return add(new Bullets(items.stream().map(s -> new Para(List.of(new Span(s, Style.PLAIN)))).toList()));
    }

    Doc code(String text) {
        return add(new Code(text));
    }

    Doc image(String path, String alt, String caption) {
        return add(new Image(path, alt, caption));
    }

    static Span plain(String s) {
        return new Span(s, Style.PLAIN);
    }

    static Span bold(String s) {
        return new Span(s, Style.BOLD);
    }

    static Span mono(String s) {
        return new Span(s, Style.CODE);
    }

    static Span em(String s) {
        return new Span(s, Style.EM);
    }

    static Cell cell(String s) {
        return new Cell(s, Tone.NONE);
    }

    static Cell cell(String s, Tone t) {
        return new Cell(s, t);
    }

    /** Table builder. */
    static final class TableBuilder {
        private final String caption;
        private final List<String> headers;
        private final List<List<Cell>> rows = new ArrayList<>();
        private String source;

        TableBuilder(String caption, String... headers) {
            this(caption, Arrays.asList(headers));
        }

        TableBuilder(String caption, List<String> headers) {
            this.caption = caption;
            this.headers = List.copyOf(headers);
        }

        TableBuilder row(Cell... cells) {
            rows.add(Arrays.asList(cells));
            return this;
        }

        TableBuilder row(List<Cell> cells) {
            rows.add(cells);
            return this;
        }

        TableBuilder rowText(String... texts) {
            rows.add(Arrays.stream(texts).map(Doc::cell).toList());
            return this;
        }

        int size() {
            return rows.size();
        }

        /** The file the rows come from, relative to the report (linked next to the caption). */
        TableBuilder source(String relativePath) {
            this.source = relativePath;
            return this;
        }

        Table build() {
            return new Table(caption, headers, rows, source);
        }
    }
}
