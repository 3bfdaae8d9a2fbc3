/**
 * Benchmarks and their evidence, below the report: the JMH runner ({@link dev.initlab.bench.BenchRunner},
 * the only main code that imports jmh-core), the JMH result model ({@link dev.initlab.bench.JmhJson},
 * {@link dev.initlab.bench.JmhResult}, {@link dev.initlab.bench.BenchRole}, {@link dev.initlab.bench.Estimate}),
 * the performance targets and their one evaluator ({@link dev.initlab.bench.Targets}), regression tracking
 * ({@link dev.initlab.bench.Compare} on same-fork paired ratios, {@link dev.initlab.bench.PairedRatios};
 * {@link dev.initlab.bench.History} and {@link dev.initlab.bench.ChangePoints} over runs) and the machine and
 * its load and speed ({@link dev.initlab.bench.MachineInfo}, {@link dev.initlab.bench.LoadMonitor},
 * {@link dev.initlab.bench.MachineSpeed}).
 *
 * <p>The benchmark classes themselves share this package but live under {@code jmh/} (a test-source
 * root, compiled with the tests, so that the CLI's class path carries neither them nor JMH's
 * annotation processor): fill engines x schemes x sizes x threads in samples per second, baselines
 * measured in the same run (store bandwidth with {@code Arrays.fill}, {@code java.util.Random},
 * {@code ThreadLocalRandom}, {@code SplittableRandom}, Commons RNG's Ziggurat normal sampler and
 * Philox4x32), the paired A/B benchmark for regression tracking ({@code PairedBench}), whole-model
 * initialization of GPT-2 small, BERT-base and ResNet-50 with per-tensor latency histograms
 * (HdrHistogram), and the auto engine's parallel threshold. Benchmarks fork with
 * {@code --add-modules jdk.incubator.vector}.
 */
package dev.initlab.bench;
