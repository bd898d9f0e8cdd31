package org.arturo.tf;

import java.util.Objects;

/**
 * The name of one scalar an optimizer reports after each step. The shared ones are here; a family
 * adds its own (arTuRO's η, KL ratio and solver passes: {@link org.arturo.tf.arturo.ArturoDiagnostics}).
 *
 * @param name    the key in {@link DiagnosticValues#asMap()} and in telemetry, e.g. {@code "step"}
 * @param counter true for a whole count (read back rounded), false for a real value
 */
public record Diagnostic(String name, boolean counter) {
    /** Applied (not skipped) steps so far: the schedule's step counter. */
    public static final Diagnostic STEP = new Diagnostic("step", true);
    /** Steps skipped because a gradient or a new state value was NaN or infinite. */
    public static final Diagnostic SKIPPED_STEPS = new Diagnostic("skippedSteps", true);
    /** Steps skipped because their gradient was an outlier (docs/algorithm.md, "Outlier guard"). */
    public static final Diagnostic OUTLIER_STEPS = new Diagnostic("outlierSteps", true);
    /** The scheduled learning rate lr · factor(t) of the last applied step (before any: of the first). */
    public static final Diagnostic LEARNING_RATE = new Diagnostic("learningRate", false);

    public Diagnostic {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name;
    }
}
