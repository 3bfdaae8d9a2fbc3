/**
 * The evidence report: reads JMH JSON results, latency percentiles, verification CSVs and
 * experiment CSVs and the calibration CSVs of {@code initlab calibrate}; computes within-run speed ratios with confidence intervals, the performance
 * targets, regressions against a baseline ({@link dev.initlab.report.Compare}) and change points
 * over a history of runs ({@link dev.initlab.report.ChangePoints}); draws the charts (XChart,
 * headless PNG) and writes {@code REPORT.md} plus a self-contained {@code report.html}
 * ({@link dev.initlab.report.ReportGenerator}). Nothing here measures anything: it only reads
 * what the bench, verify and experiment commands wrote.
 */
package dev.initlab.report;
