/**
 * The JMH suite ({@code initlab bench}): fill engines x schemes x sizes x threads in samples per
 * second, baselines measured in the same run (store bandwidth with {@code Arrays.fill},
 * {@code java.util.Random}, {@code ThreadLocalRandom}, {@code SplittableRandom}, Commons RNG's
 * Ziggurat normal sampler and Philox4x32), whole-model initialization of GPT-2 small, BERT-base
 * and ResNet-50 with per-tensor latency histograms (HdrHistogram), and the auto engine's
 * parallel threshold. Benchmarks fork with {@code --add-modules jdk.incubator.vector}.
 */
package dev.initlab.bench;
