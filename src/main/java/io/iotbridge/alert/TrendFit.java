package io.iotbridge.alert;

import java.time.Instant;
import java.util.Collection;

/**
 * The least-squares line through a sensor's recent readings, and when it reaches a level.
 *
 * @param slopePerSecond the line's rise per second (reading's unit)
 * @param valueAtEnd     the line's value at the newest reading's time: less noisy than that reading
 * @param slopeError     the standard error of the slope, from the scatter around the line
 * @param end            the newest reading's time
 */
public record TrendFit(double slopePerSecond, double valueAtEnd, double slopeError, Instant end) {

    /**
     * Fewer readings fit no line worth believing: with few, the slope's own error is poorly known
     * and noise passes {@link #SIGNIFICANCE} far more often (Student's t with n - 2 degrees of freedom).
     */
    static final int MIN_POINTS = 30;
    /**
     * How many standard errors the slope must be from zero to count as a trend. Every reading
     * refits the line, so a sensor at 1 Hz tries thousands of times an hour: at 3 noise alone tilts
     * a line that far now and then; at 6 about once in a million fits of 30 readings, and less
     * with more.
     */
    static final double SIGNIFICANCE = 6;

    /** One reading: its time (epoch milliseconds: no Instant kept per reading) and value. */
    public record Point(long epochMillis, double value) {

        public Point(Instant ts, double value) {
            this(ts.toEpochMilli(), value);
        }
    }

    /** The fit through {@code points}, or {@code null} when they are too few or all at one time. */
    public static TrendFit of(Collection<Point> points) {
        int n = points.size();
        if (n < MIN_POINTS) {
            return null;
        }
        long end = points.stream().mapToLong(Point::epochMillis).max().orElseThrow();
        // seconds before the newest reading: small numbers, so sums of squares keep their precision
        double[] x = new double[n];
        double[] y = new double[n];
        int i = 0;
        for (Point p : points) {
            x[i] = (p.epochMillis() - end) / 1000.0;
            y[i++] = p.value();
        }
        double meanX = mean(x);
        double meanY = mean(y);
        double sxx = 0;
        double sxy = 0;
        for (i = 0; i < n; i++) {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
        }
        if (sxx == 0) {
            return null;
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double residuals = 0;
        for (i = 0; i < n; i++) {
            double r = y[i] - (intercept + slope * x[i]);
            residuals += r * r;
        }
        return new TrendFit(slope, intercept, Math.sqrt(residuals / (n - 2) / sxx), Instant.ofEpochMilli(end));
    }

    /**
     * When the line reaches {@code level} going {@code direction} (up to a level above, down to
     * one below), or {@code null} when it does not go that way beyond its noise
     * ({@link #SIGNIFICANCE}). The newest reading's time when the line is past the level already
     * (the trend has crossed, the readings not yet).
     */
    public Instant reaches(double level, AlertDirection direction) {
        if (!heading(direction)) {
            return null;
        }
        double millis = Math.max(0, (level - valueAtEnd) / slopePerSecond * 1000);
        // a line that takes longer than any lead reaches it "never"; also keeps the Instant in range
        return millis > 1e15 ? null : end.plusMillis(Math.round(millis));
    }

    /** Whether the line goes {@code direction} (rises for ABOVE, falls for BELOW) beyond its noise. */
    public boolean heading(AlertDirection direction) {
        int sign = direction == AlertDirection.ABOVE ? 1 : -1;
        return Math.signum(slopePerSecond) == sign && Math.abs(slopePerSecond) >= SIGNIFICANCE * slopeError;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
