package org.arturo.tf.noise;

import org.arturo.tf.Diagnostic;

/**
 * The noise-aware optimizers' own diagnostic, beside the shared ones ({@link Diagnostic#STEP},
 * {@link Diagnostic#SKIPPED_STEPS}, {@link Diagnostic#OUTLIER_STEPS}, {@link Diagnostic#LEARNING_RATE}):
 * read it from any {@link org.arturo.tf.DiagnosticValues}, e.g. {@code values.get(NoiseAwareDiagnostics.MEAN_FACTOR)}.
 */
public final class NoiseAwareDiagnostics {
    /**
     * The mean variance-adaptation factor γ over every parameter element in the last applied step
     * (SVAG: γ^g; M-SVAG: γ^m; Adam*: √γ^m), in [0, 1]: 1 means the step was taken as the base method's,
     * near 0 that the noise dominated. 1 before the first step and, always, for SSD, M-SGD and M-SSD,
     * which adapt nothing.
     */
    public static final Diagnostic MEAN_FACTOR = new Diagnostic("meanFactor", false);

    private NoiseAwareDiagnostics() {
    }
}
