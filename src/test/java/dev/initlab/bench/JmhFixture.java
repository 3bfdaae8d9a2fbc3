package dev.initlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes JMH-shaped JSON for tests, with the field layout of JMH 1.37's {@code -rf json} output
 * (compare src/test/resources/report/jmh-real-thrpt.json, produced by a real JMH run). Scores are
 * hand-chosen, not measurements.
 */
public final class JmhFixture {
    private static final ObjectMapper M = new ObjectMapper();
    private final ArrayNode root = M.createArrayNode();

    /** Adds one result; a NaN error is written as JMH writes it, the string "NaN". */
    public JmhFixture add(String benchmark, String mode, int threads, Map<String, String> params, double score,
                   double error, String unit) {
        ObjectNode n = root.addObject();
        n.put("jmhVersion", "1.37");
        n.put("benchmark", benchmark);
        n.put("mode", mode);
        n.put("threads", threads);
        n.put("forks", 2);
        n.put("jvm", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        n.putArray("jvmArgs").add("--add-modules").add("jdk.incubator.vector");
        n.put("jdkVersion", "25.0.3");
        n.put("vmName", "OpenJDK 64-Bit Server VM");
        n.put("vmVersion", "25.0.3+9-LTS");
        n.put("warmupIterations", 3);
        n.put("warmupTime", "1 s");
        n.put("warmupBatchSize", 1);
        n.put("measurementIterations", 5);
        n.put("measurementTime", "1 s");
        n.put("measurementBatchSize", 1);
        ObjectNode p = n.putObject("params");
        params.forEach(p::put);
        ObjectNode pm = n.putObject("primaryMetric");
        pm.put("score", score);
        if (Double.isNaN(error)) {
            pm.put("scoreError", "NaN");
            pm.putArray("scoreConfidence").add("NaN").add("NaN");
        } else {
            pm.put("scoreError", error);
            pm.putArray("scoreConfidence").add(score - error).add(score + error);
        }
        pm.put("scoreUnit", unit);
        ArrayNode raw = pm.putArray("rawData");
        for (int f = 0; f < 2; f++) {
            ArrayNode fork = raw.addArray();
            for (int i = 0; i < 5; i++) {
                fork.add(score);
            }
        }
        n.putObject("secondaryMetrics");
        return this;
    }

    /** Adds a secondary metric to the last result, shaped like JMH's {@code -prof gc} output. */
    public JmhFixture secondary(String name, double score, String unit) {
        ObjectNode m = ((ObjectNode) root.get(root.size() - 1).get("secondaryMetrics")).putObject(name);
        m.put("score", score);
        m.put("scoreError", "NaN");
        m.putArray("scoreConfidence").add(score).add(score);
        m.put("scoreUnit", unit);
        m.putArray("rawData").addArray().add(score);
        return this;
    }

    /** Replaces the last result's measurement iterations (JMH's rawData), one array per fork. */
    public JmhFixture raw(double[]... forks) {
        ObjectNode pm = (ObjectNode) root.get(root.size() - 1).get("primaryMetric");
        ArrayNode raw = pm.putArray("rawData");
        for (double[] fork : forks) {
            ArrayNode a = raw.addArray();
            for (double v : fork) {
                a.add(v);
            }
        }
        return this;
    }

    /** Adds a throughput result in ops/s with JMH threads 1. */
    public JmhFixture thrpt(String benchmark, Map<String, String> params, double score, double error) {
        return add(benchmark, "thrpt", 1, params, score, error, "ops/s");
    }

    public String json() {
        try {
            return M.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json());
        return file;
    }
}
