/**
 * The {@code initlab} command line: argument parsing, one class per sub-command (fill, verify,
 * bench, experiment, report, compare, list), one-line errors with exit code 2 for user error.
 */
package dev.initlab.cli;
