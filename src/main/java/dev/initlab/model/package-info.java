/**
 * Whole models: init specs (which scheme each named tensor is drawn from: {@link dev.initlab.model.InitSpec},
 * {@link dev.initlab.model.Rule}, the built-in specs under {@code specs/}), checkpoints as sets of named
 * tensors whose headers are parsed once ({@link dev.initlab.model.Checkpoint}: safetensors, Hugging Face
 * sharded indexes, {@code .npy}, {@code .npz}, TF.js) (verified against a spec as one Holm family by
 * {@code dev.initlab.stats.CheckpointVerifier}, a layer above), writing freshly initialized checkpoints
 * ({@link dev.initlab.model.CheckpointWriter}) and the shape lists of real architectures
 * ({@link dev.initlab.model.ModelShapes}).
 */
package dev.initlab.model;
