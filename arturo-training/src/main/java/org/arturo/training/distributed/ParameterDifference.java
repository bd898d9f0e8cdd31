package org.arturo.training.distributed;

import java.util.List;

/**
 * How far two sets of parameters are apart: for each variable ‖a − b‖∞ / ‖b‖∞ (b the reference), and
 * the largest over the variables. Relative to the variable's scale rather than per element, so that
 * elements near zero do not turn float rounding into a large ratio.
 */
public final class ParameterDifference {
    private ParameterDifference() {
    }

    public static double maxRelative(List<HostTensor> actual, List<HostTensor> reference) {
        if (actual.size() != reference.size()) {
            throw new IllegalArgumentException("actual: " + actual.size() + " variables, reference: " + reference.size());
        }
        double worst = 0;
        for (int v = 0; v < actual.size(); v++) {
            float[] a = actual.get(v).values();
            float[] b = reference.get(v).values();
            if (a.length != b.length) {
                throw new IllegalArgumentException("variable " + v + ": " + a.length + " values against " + b.length);
            }
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < a.length; i++) {
                double d = Math.abs((double) a[i] - b[i]);
                // A NaN anywhere is an infinite difference, never a silent pass.
                diff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(diff, d);
                scale = Math.max(scale, Math.abs(b[i]));
            }
            double rel = diff == 0 ? 0 : diff / (scale > 0 ? scale : 1);
            worst = Math.max(worst, rel);
        }
        return worst;
    }
}
