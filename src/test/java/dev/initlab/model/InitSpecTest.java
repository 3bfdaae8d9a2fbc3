package dev.initlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.initlab.dist.Distribution;
import dev.initlab.init.Fans;
import dev.initlab.tensor.Shape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InitSpecTest {
    @Test
    void globsMatchWholeNamesWithStarAndQuestionMark() {
        assertTrue(Glob.of("*.weight").matches("h.0.attn.c_attn.weight"));
        assertTrue(Glob.of("h.?.ln_1.*").matches("h.3.ln_1.bias"));
        assertFalse(Glob.of("h.?.ln_1.*").matches("h.10.ln_1.bias"));
        assertFalse(Glob.of("*.weight").matches("weight"));
        assertTrue(Glob.of("a+b(c).w").matches("a+b(c).w"), "regex characters are literal");
        assertThrows(IllegalArgumentException.class, () -> Glob.of("layer[0-9].w"));
        assertThrows(IllegalArgumentException.class, () -> Glob.of("{a,b}.w"));
    }

    @Test
    void firstMatchingRuleWinsAndRankConditionsApply() {
        InitSpec s = InitSpec.parse("""
                # comment line
                *.c_proj.weight  normal --std 0.02/sqrt(2*n_layer)   # scaled
                *.weight  normal --std 0.02 --min-ndim 2
                *.weight  ones --ndim 1
                *.bias    torch_bias_default --weight-min-ndim 2
                *.bias    zeros --weight-ndim 1
                *.mask    skip
                """, "t.spec");
        assertEquals(6, s.rules().size());
        assertEquals(2, s.match("h.0.attn.c_proj.weight", 2, -1).line());
        assertEquals(3, s.match("h.0.attn.c_attn.weight", 2, -1).line());
        assertEquals(4, s.match("ln_f.weight", 1, -1).line());
        assertNull(s.match("odd.weight", 0, -1), "rank 0 meets neither --min-ndim 2 nor --ndim 1");
        assertEquals(5, s.match("fc.bias", 1, 2).line());
        assertEquals(6, s.match("ln.bias", 1, 1).line());
        assertNull(s.match("orphan.bias", 1, -1), "sibling conditions need a sibling");
        assertTrue(s.match("attn.mask", 2, -1).skip());
        Distribution d = s.match("h.0.attn.c_proj.weight", 2, -1).initializer(Map.of("n_layer", 12.0))
                .distribution(Shape.of(8, 8), null);
        assertEquals(0.02 / Math.sqrt(24), d.std(), 1e-15);
    }

    @Test
    void errorsNameFileAndLine() {
        assertMessage("s.spec:3: unknown scheme 'glorot_unifrom'", "# x\n\n*.w glorot_unifrom\n");
        assertMessage("s.spec:1: scheme glorot_uniform does not take --gain", "*.w glorot_uniform --gain 2\n");
        assertMessage("s.spec:2: bad glob", "*.a zeros\nw[0] zeros\n");
        assertMessage("s.spec:1: expected 'PATTERN SCHEME", "lonely\n");
        assertMessage("s.spec:1: --std needs a value", "*.w normal --std\n");
        assertMessage("s.spec:1: bad expression '0.02/sqrt(2*n_layer'", "*.w normal --std 0.02/sqrt(2*n_layer\n");
        assertMessage("s.spec:1: give both --fan-in and --fan-out", "*.w xavier_uniform --fan-in 3\n");
        assertMessage("s.spec:1: --ndim must be a rank", "*.w zeros --ndim two\n");
        assertMessage("s.spec:1: unknown layout", "*.w glorot_uniform --layout tf2\n");
        assertMessage("s.spec: the spec has no rules", "# nothing\n");
    }

    private static void assertMessage(String prefix, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InitSpec.parse(text, "s.spec"));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void builtinsParseAndCiteTheirSources() {
        for (String n : InitSpec.BUILTINS) {
            InitSpec s = InitSpec.load(n);
            assertEquals("builtin:" + n, s.name());
            assertTrue(s.text().contains("Source"), n + " cites its source");
        }
    }

    @Test
    void expressionsAndVariables() {
        assertEquals(0.02 / Math.sqrt(24), Expr.eval("0.02/sqrt(2*n_layer)", Map.of("n_layer", 12.0)), 1e-18);
        assertEquals(-7, Expr.eval("-(3+4)", Map.of()), 0);
        assertEquals(2e-3, Expr.eval("2e-3 * (1)", Map.of()), 0);
        assertFalse(Expr.isExpression("fan_out"));
        assertFalse(Expr.isExpression("-0.05"));
        assertThrows(IllegalArgumentException.class, () -> Expr.eval("n_layers", Map.of("n_layer", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> Expr.eval("sqrt(n_layer)", Map.of()));
        assertEquals(Map.of("n_layer", 3.0), InitSpec.variables(List.of("wte.weight", "h.0.ln_1.weight",
                "transformer.h.1.attn.c_attn.weight", "h.2.mlp.c_fc.bias")));
        assertEquals(Map.of("n_layer", 2.0), InitSpec.variables(List.of("model.layers.0.mlp.up_proj.weight",
                "model.layers.1.mlp.up_proj.weight", "model.norm.weight")));
        assertEquals(Map.of(), InitSpec.variables(List.of("fc.weight")));
    }

    @Test
    void siblingWeightOfABias() {
        Set<String> names = Set.of("fc.weight", "fc.bias", "dense/kernel:0", "dense/bias:0", "x.kernel", "x.bias", "y.bias");
        assertEquals("fc.weight", InitSpec.sibling("fc.bias", names));
        assertEquals("x.kernel", InitSpec.sibling("x.bias", names));
        assertEquals("dense/kernel:0", InitSpec.sibling("dense/bias:0", names));
        assertNull(InitSpec.sibling("y.bias", names));
        assertNull(InitSpec.sibling("fc.weight", names));
    }

    @Test
    void explicitFansAndLayoutAreKept() {
        Rule r = InitSpec.parse("k glorot_uniform --layout keras --fan-in 10 --fan-out 30\n", "f").rules().get(0);
        assertEquals(10, r.fanIn());
        assertEquals(30, r.fanOut());
        assertEquals("k glorot_uniform --layout keras --fan-in 10 --fan-out 30", r.text());
        assertEquals(Math.sqrt(6.0 / 40), r.initializer(Map.of()).distribution(Shape.of(3, 3), new Fans(10, 30)).upper(),
                1e-12);
    }
}
