package org.arturo.training.graph;

import org.arturo.tf.graph.OutlierGuard;

/**
 * The shared outlier guard (docs/algorithm.md, "Outlier guard"; the graph form is arturo-tf's
 * {@link OutlierGuard}) for methods that judge a batch's gradient on the host: a batch is an outlier
 * when max|g| exceeds {@code factor} times the running scale S of earlier accepted batches. log S is a
 * moving average of log max|g| with weight {@link OutlierGuard#MEMORY}, moved by at most log(factor)
 * per batch, so a lasting change of scale is accepted after a few batches. The first batch sets the
 * scale and is never an outlier. Same constants, same rule, in double.
 */
public final class HostOutlierGuard {
    private static final double TINY = 1e-30;

    private final double logFactor;
    private double logScale;
    private long observed;

    /** @param factor in (1, ∞]; +∞ turns the guard off */
    public HostOutlierGuard(double factor) {
        logFactor = Math.log(OutlierGuard.checkFactor(factor));
    }

    /**
     * Judges a finite gradient whose largest |element| is {@code maxAbs} and moves the scale (also for
     * an outlier, by at most log(factor)); true when the batch is an outlier and must be skipped.
     */
    public boolean outlier(double maxAbs) {
        double logMax = Math.log(maxAbs + TINY);
        boolean outlier = observed > 0 && Double.isFinite(logFactor) && logMax > logScale + logFactor;
        logScale = observed == 0 ? logMax : logScale + (1 - OutlierGuard.MEMORY) * Math.min(logMax - logScale, logFactor);
        observed++;
        return outlier;
    }

    /** log S, the running scale (for checkpoints). */
    public double logScale() {
        return logScale;
    }

    /** Batches judged so far. */
    public long observed() {
        return observed;
    }

    /** Continues from a saved scale. */
    public void restore(double logScale, long observed) {
        this.logScale = logScale;
        this.observed = observed;
    }
}
