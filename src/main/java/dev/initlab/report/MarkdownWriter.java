package dev.initlab.report;

import java.util.stream.Collectors;

/** Renders a {@link Doc} as GitHub-flavoured Markdown with every text escaped. */
final class MarkdownWriter {
    private MarkdownWriter() {
    }

    static String render(Doc doc) {
        StringBuilder sb = new StringBuilder();
        for (Doc.Block b : doc.blocks()) {
            switch (b) {
                case Doc.Heading h -> sb.append("#".repeat(h.level())).append(' ').append(escape(h.text())).append("\n\n");
                case Doc.Para p -> sb.append(spans(p)).append("\n\n");
                case Doc.Bullets l -> {
                    for (Doc.Para p : l.items()) {
                        sb.append("- ").append(spans(p)).append('\n');
                    }
                    sb.append('\n');
                }
                case Doc.Table t -> table(sb, t);
                case Doc.Image i -> {
                    sb.append("![").append(escape(i.alt())).append("](").append(i.path().replace(" ", "%20").replace(")", "%29"))
                            .append(")\n\n");
                    if (i.caption() != null && !i.caption().isEmpty()) {
                        sb.append('*').append(escape(i.caption())).append("*\n\n");
                    }
                }
                case Doc.Code c -> {
                    String fence = c.text().contains("```") ? "~~~~" : "```";
                    sb.append(fence).append('\n').append(c.text()).append(c.text().endsWith("\n") ? "" : "\n")
                            .append(fence).append("\n\n");
                }
            }
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, Doc.Table t) {
        String caption = t.caption() == null ? "" : t.caption();
        if (t.collapsed()) {
            // GitHub renders the Markdown table inside a raw <details> block when blank lines surround it
            sb.append("<details><summary>").append(HtmlWriter.esc(caption.isEmpty() ? "Table" : caption)).append(" (")
                    .append(t.rows().size()).append(" rows; click to show")
                    .append(t.source() == null ? "" : "; data: " + HtmlWriter.esc(t.source())).append(")</summary>\n\n");
        } else if (!caption.isEmpty() || t.source() != null) {
            sb.append(caption.isEmpty() ? "" : "**" + escape(caption) + "**")
                    .append(t.source() == null ? "" : (caption.isEmpty() ? "" : " ") + "(data: [" + escape(t.source())
                            + "](" + t.source().replace(" ", "%20").replace(")", "%29") + "))").append("\n\n");
        }
        sb.append("| ").append(t.headers().stream().map(MarkdownWriter::cellText).collect(Collectors.joining(" | ")))
                .append(" |\n");
        sb.append("|").append("---|".repeat(t.headers().size())).append('\n');
        for (var row : t.rows()) {
            sb.append("| ");
            for (int i = 0; i < row.size(); i++) {
                Doc.Cell c = row.get(i);
                String s = cellText(c.text());
                if (!s.isEmpty()) {
                    s = switch (c.tone()) {
                        case BAD -> "**" + s + "**";
                        case WARN, MUTED -> "*" + s + "*";
                        default -> s;
                    };
                }
                sb.append(s).append(i + 1 < row.size() ? " | " : " |\n");
            }
        }
        sb.append('\n');
        if (t.collapsed()) {
            sb.append("</details>\n\n");
        }
    }

    private static String cellText(String s) {
        return escape(s).replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }

    private static String spans(Doc.Para p) {
        StringBuilder sb = new StringBuilder();
        for (Doc.Span s : p.spans()) {
            switch (s.style()) {
                case PLAIN -> sb.append(escape(s.text()));
                case BOLD -> emphasis(sb, s.text(), "**");
                case EM -> emphasis(sb, s.text(), "*");
                case CODE -> {
                    String t = s.text().replace("\n", " ");
                    String tick = t.contains("`") ? "``" : "`";
                    String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
                    sb.append(tick).append(pad).append(t).append(pad).append(tick);
                }
            }
        }
        return sb.toString();
    }

    /**
     * Emphasis markers hug the text: CommonMark does not close {@code **text: **}, so surrounding
     * whitespace goes outside the markers.
     */
    private static void emphasis(StringBuilder sb, String text, String marker) {
        String core = text.strip();
        if (core.isEmpty()) {
            sb.append(escape(text));
            return;
        }
        int start = text.indexOf(core);
        sb.append(escape(text.substring(0, start))).append(marker).append(escape(core)).append(marker)
                .append(escape(text.substring(start + core.length())));
    }

    /**
     * Escapes Markdown syntax and HTML: backslash-escapes the inline markup characters and a
     * leading {@code >}, and writes {@code <} and {@code &} as entities, so no tag can open and text
     * such as {@code <script>} shows literally.
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append(i == 0 ? "\\>" : ">"); // only a leading > means something (a quote)
                case '\\', '`', '*', '_', '[', ']', '#', '~' -> sb.append('\\').append(c);
                case '\n' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
