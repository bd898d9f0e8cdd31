package org.arturo.tf;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * Scalars written by every applied step, readable after it: fetch the operands in your own
 * {@code Session.run}, or call {@link #read(Session)}. They are optimizer state, so they are saved
 * with it. A skipped step (non-finite gradient) changes only {@link #skippedSteps()}.
 */
public final class ArturoDiagnostics {
    private final Operand<Float> eta;
    private final Operand<Float> klRatio;
    private final Operand<Float> solverIterations;
    private final Operand<Float> epsilon;
    private final Operand<Float> step;
    private final Operand<Float> skippedSteps;

    ArturoDiagnostics(ArturoState state) {
        this.eta = state.eta;
        this.klRatio = state.klRatio;
        this.solverIterations = state.solverIterations;
        this.epsilon = state.epsilon;
        this.step = state.step;
        this.skippedSteps = state.skippedSteps;
    }

    /** η of the last applied step (0: the unconstrained step was inside the trust region; −1: none yet). */
    public Operand<Float> eta() { return eta; }

    /** C(η)/ε_t of the last applied step: 1 when the trust region was active, below 1 when not. */
    public Operand<Float> klRatio() { return klRatio; }

    /** Passes over the parameters the solver made in the last applied step. */
    public Operand<Float> solverIterations() { return solverIterations; }

    /** ε_t, the scheduled bound of the last applied step. */
    public Operand<Float> epsilon() { return epsilon; }

    /** Applied steps so far (the schedule's step counter). */
    public Operand<Float> step() { return step; }

    /** Steps skipped because a gradient or the result was NaN or infinite. */
    public Operand<Float> skippedSteps() { return skippedSteps; }

    /** All six operands, in the order of {@link Values}' components. */
    public List<Operand<Float>> all() {
        return List.of(eta, klRatio, solverIterations, epsilon, step, skippedSteps);
    }

    /** All six by name, in the order of {@link Values}' components. */
    public java.util.Map<String, Operand<Float>> byName() {
        java.util.Map<String, Operand<Float>> m = new java.util.LinkedHashMap<>();
        m.put("eta", eta);
        m.put("klRatio", klRatio);
        m.put("solverIterations", solverIterations);
        m.put("epsilon", epsilon);
        m.put("step", step);
        m.put("skippedSteps", skippedSteps);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Reads all six in one session run. */
    public Values read(Session session) {
        Session.Runner runner = session.runner();
        for (Operand<Float> operand : all()) {
            runner.fetch(operand);
        }
        List<Tensor<?>> tensors = runner.run();
        try {
            float[] v = new float[tensors.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = tensors.get(i).floatValue();
            }
            return new Values(v[0], v[1], Math.round(v[2]), v[3], Math.round(v[4]), Math.round(v[5]));
        } finally {
            tensors.forEach(Tensor::close);
        }
    }

    /** One reading of the diagnostics. */
    public record Values(double eta, double klRatio, int solverIterations, double epsilon, long step,
                         long skippedSteps) {
    }
}
