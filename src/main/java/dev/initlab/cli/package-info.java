/**
 * The {@code initlab} command line, a thin layer over the library: argument parsing
 * ({@link dev.initlab.cli.Args}; unknown options are errors), one class per sub-command registered in
 * {@link dev.initlab.cli.Main} (run, fill, verify, init, spec, list, bench, compare, calibrate, experiment,
 * conformance, report), and one-line errors with exit code 2 for user error. Option spelling lives here
 * only: the library names parameters in Java terms and {@link dev.initlab.cli.OptionSpelling} renders them
 * as {@code --flags}; fills go through {@code dev.initlab.init.Initializers} and engines through
 * {@code dev.initlab.init.Engine}.
 */
package dev.initlab.cli;
