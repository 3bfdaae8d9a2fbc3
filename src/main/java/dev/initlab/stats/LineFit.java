package dev.initlab.stats;

/**
 * Ordinary least-squares line y = intercept + slope x with its R^2 (the experiments fit growth
 * exponents and per-layer ratios on log scales with it).
 */
public record LineFit(double slope, double intercept, double r2) {
    /** Fits y on x; both arrays of equal length, at least 2 points. */
    public static LineFit of(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length || n < 2) {
            throw new IllegalArgumentException("a line fit needs two equally long arrays of at least 2 points");
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new LineFit(slope, my - slope * mx, r2);
    }
}
