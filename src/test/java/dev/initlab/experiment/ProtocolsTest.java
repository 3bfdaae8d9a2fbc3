package dev.initlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protocols the report states come from the settings the studies run with. */
class ProtocolsTest {
    @Test
    void everyStudyStatesItsProtocolFromItsSettings() {
        Map<String, String> quick = Experiments.protocols(Options.quick(Path.of("unused"), Path.of("unused")));
        assertEquals(Experiments.NAMES, java.util.List.copyOf(quick.keySet()));
        String mnist = quick.get("mnist");
        for (String s : new String[] {"momentum 0.9", "learning rate 0.02", "batch 64", "3 epochs", "5 seeds", "hidden width 128"}) {
            assertTrue(mnist.contains(s), s + " in: " + mnist);
        }
        assertTrue(quick.get("depth").contains("Width 256, 50 layers, a batch of 64"), quick.get("depth"));
        Map<String, String> full = Experiments.protocols(new Options(true, 0, Path.of("unused"), Path.of("unused"), 1,
                Options.DEFAULT_SEED, null));
        assertTrue(full.get("mnist").contains("10 epochs") && full.get("mnist").contains("10 seeds"), full.get("mnist"));
        assertTrue(full.get("gains").contains("100-layer"), full.get("gains"));
        assertTrue(quick.get("lsuv").contains("[11, 19, 32] weight layers") && quick.get("lsuv").contains("10 seeds"),
                quick.get("lsuv"));
    }

    @Test
    void protocolsStateTheSeedsTheTablesWereWrittenWith(@org.junit.jupiter.api.io.TempDir Path dir) {
        List<MnistExperiment.MnistRunRow> runs = new java.util.ArrayList<>();
        for (int k = 0; k < 10; k++) {
            runs.add(new MnistExperiment.MnistRunRow(3, "lsuv", "relu", 0, k, 0.9, 0.3, 1, false, 1));
        }
        dev.initlab.io.CsvTables.write(dir.resolve("mnist_runs.csv"), MnistExperiment.MnistRunRow.class, runs);
        Map<String, String> p = Experiments.protocols(Options.quick(dir, Path.of("unused")));
        assertTrue(p.get("mnist").contains("10 seeds"), p.get("mnist"));
        assertTrue(p.get("symmetry").contains("3 seeds"), "no symmetry table: the mode's default: " + p.get("symmetry"));
        Map<String, String> given = Experiments.protocols(Options.quick(dir, Path.of("unused")).withSeeds(4));
        assertTrue(given.get("mnist").contains("4 seeds"), "--seeds wins: " + given.get("mnist"));
    }
}
