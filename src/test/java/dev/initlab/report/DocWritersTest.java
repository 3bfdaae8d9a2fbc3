package dev.initlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocWritersTest {
    @Test
    void emphasisHugsItsText() {
        Doc d = new Doc().p(Doc.bold("Not run: "), Doc.plain("no data."));
        assertEquals("**Not run:** no data.\n\n", MarkdownWriter.render(d));
    }

    @Test
    void markdownEscapes() {
        assertEquals("a \\| b", MarkdownWriter.render(new Doc().add(new Doc.Table(null, List.of("h"),
                List.of(List.of(Doc.cell("a | b")))))).lines().skip(2).findFirst().orElseThrow()
                .replaceAll("^\\| | \\|$", ""));
        assertEquals("\\> quoted \\*x\\* &lt;b> &amp;", MarkdownWriter.escape("> quoted *x* <b> &"));
    }

    @Test
    void htmlEscapesTextAndAttributes() throws IOException {
        Doc d = new Doc().heading(2, "A <b> & \"c\"").add(new Doc.Table("cap <i>", List.of("<th>"),
                List.of(List.of(Doc.cell("x'y", Doc.Tone.BAD))))).image("figures/none.png", "alt \"q\"", "cap");
        String html = HtmlWriter.render(d, "t <t>", Path.of("."));
        assertTrue(html.contains("<title>t &lt;t&gt;</title>"));
        assertTrue(html.contains(">A &lt;b&gt; &amp; &quot;c&quot;</h2>"));
        assertTrue(html.contains("<caption>cap &lt;i&gt;</caption>"));
        assertTrue(html.contains("<th>&lt;th&gt;</th>"));
        assertTrue(html.contains("<td class=\"bad\">x&#39;y</td>"));
        assertTrue(html.contains("figure missing: figures/none.png"), "a missing PNG is said, not dropped");
    }
}
