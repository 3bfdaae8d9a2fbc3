package dev.initlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.initlab.dist.Distribution;
import dev.initlab.init.Catalog;
import dev.initlab.init.Fans;
import dev.initlab.init.Initializer;
import dev.initlab.init.Layout;
import dev.initlab.init.Params;
import dev.initlab.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's variance formulas agree with the exact laws of the catalog, for every entry. */
class SchemeLawsTest {
    @Test
    void everyCatalogEntryHasAVarianceRow() {
        for (String name : Catalog.names()) {
            assertNotNull(SchemeLaws.variance(name), name + " has no variance formula in the report");
        }
        assertEquals(Catalog.names().size(), SchemeLaws.schemes().size(), "rows for schemes not in the catalog");
    }

    @Test
    void formulasMatchTheExactLaws() {
        List<Shape> shapes = List.of(Shape.of(256, 784), Shape.of(300, 100), Shape.of(64, 32, 3, 3), Shape.of(16, 16, 3, 3));
        for (String name : Catalog.names()) {
            SchemeLaws.Variance v = SchemeLaws.variance(name);
            Initializer init = Catalog.of(name, Params.of(v.params()), Layout.TORCH);
            for (Shape s : shapes) {
                if ((name.equals("identity") || name.equals("sparse")) && s.rank() != 2) {
                    continue;
                }
                if (name.equals("dirac") && s.rank() < 3) {
                    continue;
                }
                Fans f = Fans.of(s, Layout.TORCH);
                Distribution d = init.distribution(s, f);
                double want = d.variance();
                assertEquals(want, v.value().apply(s, f), 1e-12 * Math.max(1, Math.abs(want)), name + " at " + s);
            }
        }
    }
}
