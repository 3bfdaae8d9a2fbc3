package dev.initlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyLiteralTest {
    private static Object parse(String s) throws PyLiteral.SyntaxError {
        return PyLiteral.parse(s, false);
    }

    private static PyLiteral.Tuple tuple(long... v) {
        return new PyLiteral.Tuple(java.util.Arrays.stream(v).mapToObj(BigInteger::valueOf).map(Object.class::cast).toList());
    }

    private static void assertSyntax(String text, String fragment) {
        PyLiteral.SyntaxError e = assertThrows(PyLiteral.SyntaxError.class, () -> parse(text));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void numpyHeader() throws Exception {
        Object v = parse("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }          \n");
        assertEquals(Map.of("descr", "<f4", "fortran_order", false, "shape", tuple(2, 3)), v);
    }

    @Test
    void tuples() throws Exception {
        assertEquals(tuple(), parse("()"));
        assertEquals(tuple(5), parse("(5,)"));
        assertEquals(tuple(5, 6), parse("( 5 ,6 , )"));
        assertEquals(BigInteger.valueOf(5), parse("(5)"), "parentheses without a comma are not a tuple");
        assertEquals(new BigInteger("123456789012345678901234567890"), parse("123456789012345678901234567890"));
        assertEquals(BigInteger.valueOf(-3), parse("-3"));
    }

    @Test
    void otherLiterals() throws Exception {
        assertEquals(List.of("a", List.of(), true), parse("['a', [], True]"));
        assertSame(PyLiteral.NONE, parse("None"));
        assertEquals("it's", parse("'it\\'s'"));
        assertEquals("x\"y", parse("\"x\\\"y\""));
        assertEquals(Map.of(), parse("{}"));
    }

    @Test
    void longSuffixOnlyWhenAllowed() throws Exception {
        assertEquals(tuple(3), PyLiteral.parse("(3L,)", true));
        assertSyntax("(3L,)", "unexpected 'L' in a number");
    }

    @Test
    void errors() {
        assertSyntax("{'a': 1", "expected ',' or '}' but found end of header");
        assertSyntax("{'a' 1}", "expected ':' but found '1'");
        assertSyntax("{1: 2}", "dict keys must be strings");
        assertSyntax("{'a': 1, 'a': 2}", "duplicate key 'a'");
        assertSyntax("(1.5,)", "unexpected '.' in a number");
        assertSyntax("(1e3,)", "unexpected 'e' in a number");
        assertSyntax("(007,)", "leading zero");
        assertSyntax("'abc", "unterminated string");
        assertSyntax("'a\\nb'", "unsupported escape");
        assertSyntax("{'a': int}", "unexpected name 'int'");
        assertSyntax("{} {}", "after the literal");
        assertSyntax("(,)", "unexpected ','");
        assertSyntax("", "unexpected end of header");
        assertSyntax("-", "expected a digit");
        assertSyntax("b'<f4'", "unexpected name 'b'");
        assertSyntax("\u0000", "character U+0000");
        assertSyntax("(".repeat(100_000), "nested more than 64 levels");
    }
}
