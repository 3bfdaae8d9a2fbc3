package dev.initlab.report;

import dev.initlab.io.CsvTables;
import dev.initlab.stats.Battery;
import dev.initlab.stats.Mutants;
import dev.initlab.stats.Power;
import dev.initlab.stats.HolmFamily;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The battery's negative controls ({@link Mutants}: deliberately wrong samplers passed off as
 * catalog schemes) run at the report's level, with their analytic power: {@code
 * calibration/mutants.csv}, written by {@code initlab report --mutants} and read by the methods.
 * Seed k of a mutant is {@code master + 1000 k}, as in the mutant unit test; each correct twin
 * runs on the same seeds (its rejections are false alarms).
 */
public final class NegativeControls {
    /** The file under the report's input directory. */
    public static final String FILE = "calibration/mutants.csv";

    private NegativeControls() {
    }

    /**
     * One mutant.
     *
     * @param mutant short id
     * @param mistake what is wrong
     * @param claimedAs the scheme it claims to be
     * @param elements elements per tensor
     * @param alpha family-wise level of each battery run
     * @param analyticPower lower bound on the probability of rejection at that level
     * @param powerMethod how the bound was obtained
     * @param seeds runs
     * @param rejected runs of the wrong sampler rejected
     * @param twinRejected runs of the correct twin rejected (false alarms)
     * @param firstSeed seed of run 0
     */
    public record Row(String mutant, String mistake, String claimedAs, int elements, double alpha, double analyticPower,
                      String powerMethod, int seeds, int rejected, int twinRejected, long firstSeed) {
    }

    /** Runs every mutant and its twin on {@code seeds} seeds at {@code alpha}. */
    public static List<Row> run(double alpha, int seeds, long master, PrintStream progress) {
        Battery battery = Battery.of(alpha);
        List<Row> rows = new ArrayList<>();
        for (Mutants.Mutant m : Mutants.all()) {
            Power.Bound bound = m.wrong().powerBound(battery);
            int rejected = 0;
            int twin = 0;
            for (int k = 0; k < seeds; k++) {
                long seed = master + 1000L * k;
                HolmFamily r = m.wrong().run(battery, seed);
                rejected += r.passed() ? 0 : 1;
                twin += m.correct().run(battery, seed).passed() ? 0 : 1;
            }
            progress.printf(Locale.ROOT, "report: negative control %s: %d of %d rejected (twin %d)%n", m.name(), rejected,
                    seeds, twin);
            rows.add(new Row(m.name(), m.mistake(), m.claimedAs(), m.wrong().size(), alpha, bound.power(),
                    bound.method(), seeds, rejected, twin, master));
        }
        return rows;
    }

    /** Runs and writes {@code in/}{@link #FILE}. */
    public static Path write(Path in, double alpha, int seeds, long master, PrintStream progress) {
        Path out = in.resolve(FILE);
        CsvTables.write(out, Row.class, run(alpha, seeds, master, progress));
        return out;
    }
}
