package org.arturo.tf.arturo;

import org.arturo.tf.Diagnostic;

/**
 * arTuRO's own diagnostics, beside the shared {@link Diagnostic#STEP} and
 * {@link Diagnostic#SKIPPED_STEPS}: read them from any {@link org.arturo.tf.DiagnosticValues},
 * e.g. {@code values.get(ArturoDiagnostics.ETA)}.
 */
public final class ArturoDiagnostics {
    /** η of the last applied step (0: the unconstrained step was inside the trust region; −1: none yet). */
    public static final Diagnostic ETA = new Diagnostic("eta", false);
    /** C(η)/ε_t of the last applied step: 1 when the trust region was active, below 1 when not. */
    public static final Diagnostic KL_RATIO = new Diagnostic("klRatio", false);
    /** Passes over the parameters the solver made in the last applied step. */
    public static final Diagnostic SOLVER_ITERATIONS = new Diagnostic("solverIterations", true);
    /** ε_t, the scheduled bound of the last applied step. */
    public static final Diagnostic EPSILON = new Diagnostic("epsilon", false);
    /** 1 when the native kernel runs the step, 0 when the graph ops do (docs/native-kernel.md). */
    public static final Diagnostic NATIVE_KERNEL = new Diagnostic("nativeKernel", true);

    private ArturoDiagnostics() {
    }
}
