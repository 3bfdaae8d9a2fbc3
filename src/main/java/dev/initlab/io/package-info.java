/**
 * Tensor file formats and CSV result tables, hardened against bad input.
 *
 * <p>Owns reading and writing of NumPy {@code .npy} ({@link dev.initlab.io.Npy}), safetensors
 * ({@link dev.initlab.io.Safetensors}) and raw little-endian floats ({@link dev.initlab.io.RawFloats}),
 * reading of {@code .npz} ({@link dev.initlab.io.Npz}) and TensorFlow.js weights
 * ({@link dev.initlab.io.TfjsWeights}), tensors as they lie in a file ({@link dev.initlab.io.StoredTensor}:
 * header parsed once, data read on demand) and in memory ({@link dev.initlab.io.LoadedTensor}),
 * format detection by content ({@link dev.initlab.io.TensorFiles}), CSV tables of Java records
 * ({@link dev.initlab.io.CsvTables}) and atomic file replacement ({@link dev.initlab.io.AtomicFiles}).
 *
 * <p>Contract for every reader: a file is either read completely and exactly as declared, or an
 * {@link dev.initlab.io.InputException} with a one-line message naming the file and the problem is
 * thrown. Nothing is returned partially, padded, NaN-filled or truncated silently. Sizes declared
 * by a file are checked against the real file size before anything is allocated from them.
 * Every writer replaces its target atomically, so a failed write never leaves a partial file, and
 * every file the tool writes goes through {@link dev.initlab.io.AtomicFiles}, which also removes its
 * temporary files on SIGINT/SIGTERM and, after a SIGKILL, on the next write to the same target.
 *
 * <p>Element types and shape arithmetic are {@code dev.initlab.tensor}'s ({@code Dtype},
 * {@code Shapes}); the error wording for a file's shapes stays here. Nothing here knows about
 * initializers, distributions or statistics.
 */
package dev.initlab.io;
