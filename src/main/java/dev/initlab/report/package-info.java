/**
 * The evidence report: reads JMH JSON results, latency percentiles, verification CSVs and
 * experiment CSVs and the calibration CSVs of {@code initlab calibrate}; renders the benchmark
 * results, targets and regression checks that package {@code dev.initlab.bench} computes; draws the charts (XChart,
 * headless PNG) and writes {@code REPORT.md} plus a self-contained {@code report.html}
 * ({@link dev.initlab.report.ReportGenerator}). Nothing here measures anything: it only reads
 * what the bench, verify and experiment commands wrote.
 */
package dev.initlab.report;
