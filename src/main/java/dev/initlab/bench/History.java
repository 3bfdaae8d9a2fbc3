package dev.initlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A series of JMH runs (one JSON file per run, ordered by file name, so name them by date such
 * as {@code 2026-11-23-jmh.json}) and the change points of every benchmark's log-throughput
 * ({@link ChangePoints}).
 */
public final class History {
    private final List<Path> runs;
    private final Map<String, List<Point>> series;

    /**
     * One benchmark in one run.
     *
     * @param run index of the run in {@link #runs()}
     * @param result the result
     * @param opsPerSecond its throughput
     */
    public record Point(int run, JmhResult result, Estimate opsPerSecond) {
    }

    /**
     * A change in one benchmark's series.
     *
     * @param key benchmark key
     * @param label readable benchmark label
     * @param runName file name of the first run after the change
     * @param speedRatio geometric-mean throughput after / before
     * @param pValue permutation p-value
     * @param slowdown whether the ratio is below {@code 1 - threshold}
     * @param latest whether this is the benchmark's most recent change
     */
    public record Change(String key, String label, String runName, double speedRatio, double pValue, boolean slowdown,
                         boolean latest) {
    }

    private History(List<Path> runs, Map<String, List<Point>> series) {
        this.runs = runs;
        this.series = series;
    }

    /** Reads every {@code *.json} in a directory, in file-name order. */
    public static History read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot list (" + e.getMessage() + ")");
        }
        return of(files);
    }

    /** Reads the given JMH JSON files as consecutive runs. */
    public static History of(List<Path> files) {
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            for (JmhResult r : JmhJson.read(files.get(i))) {
                Optional<Estimate> ops = r.opsPerSecond();
                if (ops.isPresent()) {
                    series.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(new Point(i, r, ops.get()));
                }
            }
        }
        return new History(List.copyOf(files), series);
    }

    /** The run files, oldest first. */
    public List<Path> runs() {
        return runs;
    }

    /** Benchmark keys seen in any run. */
    public List<String> keys() {
        return List.copyOf(series.keySet());
    }

    /** The points of one benchmark, oldest first. */
    public List<Point> points(String key) {
        return series.getOrDefault(key, List.of());
    }

    /**
     * Detects changes in every benchmark present in enough runs.
     *
     * @param threshold a change counts as a slow-down when after/before is below {@code 1 - threshold}
     */
    public List<Change> changes(ChangePoints detector, double threshold) {
        List<Change> out = new ArrayList<>();
        for (var e : series.entrySet()) {
            List<Point> pts = e.getValue();
            double[] x = pts.stream().mapToDouble(p -> Math.log(p.opsPerSecond().value())).toArray();
            List<ChangePoints.Change> cs = detector.detect(x);
            for (int i = 0; i < cs.size(); i++) {
                ChangePoints.Change c = cs.get(i);
                double ratio = Math.exp(c.meanAfter() - c.meanBefore());
                Point first = pts.get(c.index());
                out.add(new Change(e.getKey(), first.result().label(),
                        runs.get(first.run()).getFileName().toString(), ratio, c.pValue(), ratio < 1 - threshold,
                        i == cs.size() - 1));
            }
        }
        return out;
    }
}
