/**
 * The small training stack the experiments run on, and nothing else: a float32 MLP with
 * hand-written backpropagation ({@link dev.initlab.experiment.nn.Mlp}) over one bit-reproducible
 * dense kernel ({@link dev.initlab.experiment.nn.MatOps}), the element-wise nonlinearities with exact
 * derivatives ({@link dev.initlab.experiment.nn.Activation}), SGD with momentum and optional
 * clipping ({@link dev.initlab.experiment.nn.Trainer}), the MNIST IDX loader
 * ({@link dev.initlab.experiment.nn.Mnist}), and the Philox stream layout of a run (run seeds,
 * stream ids for weights, inputs, probes, shuffles: {@link dev.initlab.experiment.nn.RunStreams}).
 * It knows no initialization scheme and no study: those live in {@code dev.initlab.experiment}.
 */
package dev.initlab.experiment.nn;
