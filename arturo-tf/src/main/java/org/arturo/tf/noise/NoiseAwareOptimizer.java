package org.arturo.tf.noise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.arturo.tf.ConfiguredOptimizer;
import org.arturo.tf.Diagnostics;
import org.arturo.tf.GraphOptimizer;
import org.arturo.tf.StepInputs;
import org.arturo.tf.TrainStep;
import org.arturo.tf.baselines.LearningRateStep;
import org.arturo.tf.graph.StateWrite;
import org.arturo.tf.noise.NoiseAwareConfig.Method;
import org.arturo.tf.numerics.BiasCorrection;
import org.arturo.tf.numerics.Reductions;
import org.arturo.tf.numerics.WeightDecay;
import org.arturo.tf.numerics.WeightedMoments;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * The noise-aware optimizers of Balles' thesis, chapter 5 and appendix B.3 (docs/noise-aware.md):
 * SSD, M-SGD, M-SSD, SVAG, M-SVAG and Adam*, one {@link GraphOptimizer} chosen by
 * {@link NoiseAwareConfig#method()}. Per step, element-wise, with t the applied steps before this one:
 * <pre>
 *   g ← g + weightDecay·θ                                         (coupled L2)
 *   m ← bias-corrected moving mean of g      S ← weighted squared deviations (v − m² = S/W_t)
 *   ŝ = (v − m²)/(1 − ρ(β,t)), ŝ_0 = 0       γ^g = m²/(m² + ŝ),  γ^m = m²/(m² + ρ(β,t)·ŝ),  γ := 0 where m = 0
 *   SSD θ −= α_t·sign(g)    M-SGD θ −= α_t·m    M-SSD θ −= α_t·sign(m)
 *   SVAG θ −= α_t·γ^g·g     M-SVAG θ −= α_t·γ^m·m    Adam* θ −= α_t·√γ^m·sign(m)
 * </pre>
 * in the thesis's normative order (the M-SVAG listing of docs/noise-aware.md). The mean and variance
 * statistics are kept in West's weighted form ({@code WeightedMoments}), accurate in float32 where the
 * textbook v − m² cancels. The first SVAG and M-SVAG step is an SGD step bit for bit (m_0 = g, γ = 1).
 *
 * <p>Built on the shared core: the {@link LearningRateStep} (guarded write-back, step counter,
 * scheduled learning rate, finiteness and outlier predicates), whose {@code GuardedStep} commits the
 * state as assigns and the parameters through TF's ApplyGradientDescent kernel (θ ← θ − α_t·direction,
 * as SGD writes them); a skipped step leaves parameters and state untouched. Methods with a variance
 * statistic also skip a step with max |g| ≥ √FLT_MAX/2, where (g − m)² would overflow.
 *
 * <p>State, created through the {@link StateFactory} (so KotlinDL saves it with the model): slots
 * {@value #MEAN_SLOT} (m, the bias-corrected mean; all but SSD) and {@value #SPREAD_SLOT} (S; SVAG,
 * M-SVAG, Adam*), i.e. 0, 1 or 2 floats per parameter; scalars {@code <stateName>_step},
 * {@code <stateName>_skipped_steps} (and the outlier guard's), and {@code <stateName>_mean_factor} for
 * the methods that adapt. {@link #stateName()} is the method's key without dashes ({@code msvag}), so
 * a checkpoint of one method is not taken for another's.
 *
 * <p>Diagnostics: the shared ones and {@link NoiseAwareDiagnostics#MEAN_FACTOR}.
 *
 * <p><b>M-SVAG with the minibatch variance</b> (thesis Alg. 6, eq. B.32–B.34) replaces S by
 * r̃ ← β²r̃ + (1 − β²)·ŝ^mb (slot {@value #VARIANCE_SLOT}), r = r̃/(1 − β^(2(t+1))), γ = m²/(m² + ρ(β,t)·r),
 * with ŝ^mb the within-batch variance of each gradient element, which the caller supplies
 * ({@link StepInputs#withGradientVariances}); negative inputs (rounding) count as 0, non-finite ones
 * skip the step. KotlinDL's {@code fit} hands an optimizer only the mean gradient, so this method is for
 * training loops that compute per-example statistics.
 */
public final class NoiseAwareOptimizer extends ConfiguredOptimizer<NoiseAwareConfig> {
    /** Slot name of m, the bias-corrected moving mean of the gradient. */
    public static final String MEAN_SLOT = "m";
    /** Slot name of S, the weighted sum of squared deviations (S/W_t = v − m², West's form). */
    public static final String SPREAD_SLOT = "s";
    /** Slot name of r̃, the β² moving average of the supplied gradient variances (M-SVAG with the minibatch variance). */
    public static final String VARIANCE_SLOT = "r";

    /**
     * Named after the method in the thesis (e.g. "M-SVAG"); its state under the method's key without
     * dashes ({@code ssd}, {@code msgd}, {@code mssd}, {@code svag}, {@code msvag}, {@code adamstar}).
     */
    public NoiseAwareOptimizer(NoiseAwareConfig config) {
        super(config, Objects.requireNonNull(config, "config").method().displayName(),
                config.method().key().replace("-", "").toLowerCase(Locale.ROOT));
    }

    @Override
    protected TrainStep buildStep(StepInputs in, StateFactory state) {
        Ops tf = in.tf();
        Method method = config().method();
        List<Variable<Float>> parameters = in.parameters();
        List<Operand<Float>> variances = in.gradientVariances().orElse(null);
        if (method.needsGradientVariances() && variances == null) {
            throw new IllegalArgumentException(method + " needs the within-batch variance of every gradient element"
                    + " (StepInputs.withGradientVariances); KotlinDL's fit and minimize(loss) provide only the mean gradient");
        }
        List<Variable<Float>> means = new ArrayList<>();
        List<Variable<Float>> spreads = new ArrayList<>();
        for (Variable<Float> p : parameters) {
            if (method.averages()) {
                means.add(state.createSlot(tf, p, MEAN_SLOT, 0f));
            }
            if (method.adaptsToVariance()) {
                spreads.add(state.createSlot(tf, p, method.needsGradientVariances() ? VARIANCE_SLOT : SPREAD_SLOT, 0f));
            }
        }
        Variable<Float> meanFactor = method.adaptsToVariance()
                ? state.createScalar(tf, stateName() + "_mean_factor", 1f) : null;
        LearningRateStep step = new LearningRateStep(in, stateName(), config(), state);
        WeightedMoments moments = method.averages() ? new WeightedMoments(tf, config().beta(), step.guard.step()) : null;

        List<StateWrite> writes = new ArrayList<>();
        List<Operand<Float>> directions = new ArrayList<>();
        List<Operand<Float>> factors = new ArrayList<>();
        List<Operand<Float>> sizes = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Variable<Float> p = parameters.get(i);
            Operand<Float> g = WeightDecay.coupled(tf, in.gradients().get(i), p, config().weightDecay());
            Operand<Float> direction;
            if (!method.averages()) {
                direction = tf.math.sign(g);
            } else {
                Operand<Float> m = moments.mean(tf, means.get(i), g);
                writes.add(new StateWrite(means.get(i), m));
                if (!method.adaptsToVariance()) {
                    direction = method == Method.M_SGD ? m : tf.math.sign(m);
                } else {
                    Operand<Float> gamma;
                    if (method.needsGradientVariances()) {
                        // eq. B.32–B.34: r̃ ← β²r̃ + (1 − β²)·ŝ^mb, γ = m²/(m² + ρ(β,t)·r̃/(1 − β^(2(t+1))))
                        Operand<Float> r = movingVariance(tf, spreads.get(i), tf.math.maximum(variances.get(i), tf.constant(0f)));
                        writes.add(new StateWrite(spreads.get(i), r));
                        gamma = WeightedMoments.factor(tf, r, minibatchVarianceScale(tf, step.guard.step(), moments), m);
                    } else {
                        Operand<Float> s = moments.spread(tf, spreads.get(i), means.get(i), g);
                        writes.add(new StateWrite(spreads.get(i), s));
                        gamma = WeightedMoments.factor(tf, s,
                                method == Method.SVAG ? moments.varianceScale : moments.meanVarianceScale, m);
                    }
                    if (method == Method.ADAM_STAR) {
                        gamma = tf.math.sqrt(gamma);
                    }
                    factors.add(gamma);
                    sizes.add(tf.dtypes.cast(tf.size(gamma), Float.class));
                    direction = tf.math.mul(gamma, switch (method) {
                        case SVAG -> g;
                        case M_SVAG, M_SVAG_MB -> m;
                        default -> tf.math.sign(m);
                    });
                }
            }
            directions.add(direction);
        }
        if (meanFactor != null) {
            writes.add(new StateWrite(meanFactor,
                    tf.math.div(Reductions.sumOfAll(tf, factors), Reductions.sum(tf, sizes))));
        }
        List<Operand<?>> inputs = new ArrayList<>(directions);
        writes.forEach(w -> inputs.add(w.value()));
        inputs.add(step.learningRate);
        Operand<Float> trainOp = step.guard.commit(tf, applied(tf, step, variances), inputs, (scope, gate) -> {
            List<Operand<?>> ops = new ArrayList<>();
            for (StateWrite w : writes) {
                ops.add(scope.assign(w.target(), gate.apply(w.value())));
            }
            // θ ← θ − lr_t·direction in TF's kernel: one op, so the graph optimizer cannot re-associate
            // lr_t·(γ·m), and the first SVAG/M-SVAG step is SGD's own kernel on the same g.
            for (int i = 0; i < parameters.size(); i++) {
                ops.add(scope.train.applyGradientDescent(parameters.get(i), step.learningRate,
                        gate.apply(directions.get(i))));
            }
            return ops;
        });

        Diagnostics.Builder diagnostics = Diagnostics.builder();
        step.diagnostics(tf).operands().forEach(diagnostics::add);
        diagnostics.add(NoiseAwareDiagnostics.MEAN_FACTOR, meanFactor != null ? meanFactor : tf.constant(1f));
        return new TrainStep(trainOp, diagnostics.build());
    }

    /** r̃ ← β²·r̃ + (1 − β²)·ŝ^mb (eq. B.33). */
    private Operand<Float> movingVariance(Ops tf, Operand<Float> old, Operand<Float> variance) {
        double beta = (float) config().beta();
        double betaSquared = beta * beta;
        return tf.math.add(tf.math.mul(tf.constant((float) betaSquared), old),
                tf.math.mul(tf.constant((float) (1 - betaSquared)), variance));
    }

    /** ρ(β,t)/(1 − β^(2(t+1))): γ = m²/(m² + scale·r̃) (eq. B.34); ρ_0 = 1, so the first step is not special. */
    private Operand<Float> minibatchVarianceScale(Ops tf, Operand<Float> t, WeightedMoments moments) {
        double beta = (float) config().beta();
        Operand<Float> correction = BiasCorrection.oneMinusPower(tf, beta * beta, tf.math.add(t, tf.constant(1f)));
        return tf.math.div(tf.math.reciprocal(moments.effectiveSamples), correction);
    }

    /**
     * The gradients are finite and, for the methods with a variance statistic, max |g| &lt; √FLT_MAX/2:
     * then |g − m| &lt; √FLT_MAX and (g − m)² stays finite, and S (a weighted variance of values below
     * that bound, times W_t ≤ 1) stays below FLT_MAX/4 for ever. Null when skipping is off.
     */
    private Operand<Boolean> applied(Ops tf, LearningRateStep step, List<Operand<Float>> variances) {
        if (!config().method().adaptsToVariance()) {
            return step.finite;
        }
        Operand<Boolean> bounded = step.finiteWithGradientsBelow(tf, (float) (Math.sqrt(Float.MAX_VALUE) / 2));
        if (bounded == null || variances == null || !config().method().needsGradientVariances()) {
            return bounded;
        }
        // The supplied variances must be finite too (r̃ is a convex combination of them).
        return tf.math.logicalAnd(bounded, Reductions.allFinite(tf, variances));
    }
}
