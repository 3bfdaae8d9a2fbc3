package dev.initlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Renders a {@link Doc} as one self-contained HTML page: inline CSS, no scripts, and every figure
 * embedded as a base64 {@code data:} URI, so the single file can be attached to a CI run, mailed or
 * uploaded without its {@code figures/} folder. (The Markdown twin references the PNGs
 * relatively, which is what a repository browser wants.) All text is HTML-escaped.
 */
final class HtmlWriter {
    private static final String CSS = """
            body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;max-width:1360px;margin:2em auto;\
            padding:0 1.2em;color:#1b1f23;line-height:1.45}
            p,ul,ol{max-width:60em;overflow-wrap:anywhere}
            h1{border-bottom:2px solid #444;padding-bottom:.2em}h2{border-bottom:1px solid #bbb;margin-top:2em}
            .tw{overflow-x:auto;max-width:100%;margin:.6em 0 1.4em}
            table{border-collapse:collapse;font-size:.84em;width:max-content;max-width:none}
            th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top;max-width:20em;\
            overflow-wrap:anywhere}
            th{background:#f0f2f4}tr:nth-child(even) td{background:#fafbfc}
            td.good{color:#0a6b1d;font-weight:600}td.bad{background:#fde2e1 !important;color:#8a1010;font-weight:700}
            td.warn{background:#fff4d6 !important}td.muted{color:#777}
            caption{caption-side:top;text-align:left;font-weight:600;padding:.3em 0}
            details.tbl{margin:.6em 0 1.2em;border-left:3px solid #d0d7de;padding-left:.6em}
            details.tbl>summary{cursor:pointer;font-weight:600}details.tbl>summary .n{font-weight:400;color:#555}
            figure{margin:1em 0 2em}figure img{max-width:100%;height:auto;border:1px solid #ddd}
            figcaption{font-size:.85em;color:#555;max-width:60em;overflow-wrap:anywhere}
            pre{background:#f6f8fa;padding:.8em;overflow-x:auto;font-size:.85em;max-width:100%}
            code{background:#f0f2f4;padding:0 .2em;overflow-wrap:anywhere}nav ul{columns:2;font-size:.9em}
            @media (max-width:700px){body{margin:1em auto;padding:0 .7em}nav ul{columns:1}table{font-size:.76em}\
            th,td{max-width:16em}h1{font-size:1.5em}}
            """;

    private HtmlWriter() {
    }

    /**
     * Renders the document.
     *
     * @param title page title
     * @param baseDir directory that image paths are relative to (their bytes are embedded)
     */
    static String render(Doc doc, String title, Path baseDir) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").append(esc(title))
                .append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
        boolean navDone = false;
        for (Doc.Block b : doc.blocks()) {
            if (!navDone && !(b instanceof Doc.Heading h1 && h1.level() == 1) && !(b instanceof Doc.Para)) {
                nav(sb, doc); // after the title and its opening paragraph
                navDone = true;
            }
            switch (b) {
                case Doc.Heading h -> sb.append("<h").append(h.level()).append(" id=\"").append(esc(h.id())).append("\">")
                        .append(esc(h.text())).append("</h").append(h.level()).append(">\n");
                case Doc.Para p -> sb.append("<p>").append(spans(p)).append("</p>\n");
                case Doc.Bullets l -> {
                    sb.append("<ul>\n");
                    for (Doc.Para p : l.items()) {
                        sb.append("<li>").append(spans(p)).append("</li>\n");
                    }
                    sb.append("</ul>\n");
                }
                case Doc.Table t -> table(sb, t);
                case Doc.Image i -> {
                    Path f = baseDir.resolve(i.path());
                    sb.append("<figure>");
                    if (Files.isRegularFile(f)) {
                        sb.append("<img alt=\"").append(esc(i.alt())).append("\" src=\"data:image/png;base64,")
                                .append(Base64.getEncoder().encodeToString(Files.readAllBytes(f))).append("\">");
                    } else {
                        sb.append("<p><em>figure missing: ").append(esc(i.path())).append("</em></p>");
                    }
                    if (i.caption() != null && !i.caption().isEmpty()) {
                        sb.append("<figcaption>").append(esc(i.caption())).append("</figcaption>");
                    }
                    sb.append("</figure>\n");
                }
                case Doc.Code c -> sb.append("<pre>").append(esc(c.text())).append("</pre>\n");
            }
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void nav(StringBuilder sb, Doc doc) {
        sb.append("<nav><ul>\n");
        for (Doc.Block b : doc.blocks()) {
            if (b instanceof Doc.Heading h && h.level() == 2) {
                sb.append("<li><a href=\"#").append(esc(h.id())).append("\">").append(esc(h.text())).append("</a></li>\n");
            }
        }
        sb.append("</ul></nav>\n");
    }

    private static void table(StringBuilder sb, Doc.Table t) {
        String caption = t.caption() == null ? "" : t.caption();
        String link = t.source() == null ? "" : "<a href=\"" + esc(t.source()) + "\">" + esc(t.source()) + "</a>";
        if (t.collapsed()) {
            sb.append("<details class=\"tbl\"><summary>").append(esc(caption.isEmpty() ? "Table" : caption))
                    .append(" <span class=\"n\">(").append(t.rows().size()).append(" rows; click to show")
                    .append(link.isEmpty() ? "" : "; data: " + link).append(")</span></summary>\n");
        }
        sb.append("<div class=\"tw\"><table>");
        if (!t.collapsed() && (!caption.isEmpty() || !link.isEmpty())) {
            sb.append("<caption>").append(esc(caption)).append(link.isEmpty() ? "" : (caption.isEmpty() ? "" : " ")
                    + "<span class=\"n\">(data: " + link + ")</span>").append("</caption>");
        }
        sb.append("\n<thead><tr>");
        for (String h : t.headers()) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (var row : t.rows()) {
            sb.append("<tr>");
            for (Doc.Cell c : row) {
                String cls = switch (c.tone()) {
                    case GOOD -> " class=\"good\"";
                    case BAD -> " class=\"bad\"";
                    case WARN -> " class=\"warn\"";
                    case MUTED -> " class=\"muted\"";
                    case NONE -> "";
                };
                sb.append("<td").append(cls).append('>').append(esc(c.text())).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>\n");
        if (t.collapsed()) {
            sb.append("</details>\n");
        }
    }

    private static String spans(Doc.Para p) {
        StringBuilder sb = new StringBuilder();
        for (Doc.Span s : p.spans()) {
            String t = esc(s.text());
            switch (s.style()) {
                case PLAIN -> sb.append(t);
                case BOLD -> sb.append("<strong>").append(t).append("</strong>");
                case EM -> sb.append("<em>").append(t).append("</em>");
                case CODE -> sb.append("<code>").append(t).append("</code>");
            }
        }
        return sb.toString();
    }

    /** Escapes {@code & < > " '} for element content and attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
