package org.arturo.tf.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.arturo.tf.Diagnostic;
import org.arturo.tf.Diagnostics;
import org.arturo.tf.numerics.Reductions;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.SwitchCond;
import org.tensorflow.op.core.Variable;

/**
 * The one guarded write-back every optimizer shares (docs/architecture.md, "How a step flows";
 * docs/algorithm.md, "Write-back" and "Outlier guard"): the step counter, the counters of skipped
 * steps, and the gate that lets a step's writes run only when it is applied.
 *
 * <p>A step is applied when the family's finiteness predicate holds (its gradients and the new values
 * it computed are finite) and, with the {@link OutlierGuard} on, its gradient is no outlier. Skipped
 * steps are counted apart: {@code <stateName>_skipped_steps} for non-finite ones,
 * {@code <stateName>_outlier_steps} for outliers.
 *
 * <p>The gate is a Switch on each write's input: on a skipped step the writes never run (Switch
 * forwards buffers, so the gate costs no pass over the parameters) and only the counters move. All
 * writes wait for all new values, because an op that reads a variable after its assign sees the new
 * value.
 */
public final class GuardedStep {
    private final Variable<Float> step;
    private final Variable<Float> skippedSteps;
    private final Variable<Float> outlierSteps;
    private final Operand<Float> maxAbsGradient;
    private final OutlierGuard guard;
    private final OutlierGuard.Verdict outlier;
    private final String stateName;

    private GuardedStep(Variable<Float> step, Variable<Float> skippedSteps, Variable<Float> outlierSteps,
                        Operand<Float> maxAbsGradient, OutlierGuard guard, OutlierGuard.Verdict outlier, String stateName) {
        this.step = step;
        this.skippedSteps = skippedSteps;
        this.outlierSteps = outlierSteps;
        this.maxAbsGradient = maxAbsGradient;
        this.guard = guard;
        this.outlier = outlier;
        this.stateName = stateName;
    }

    /**
     * Creates the counters {@code <stateName>_step} and, when {@code canSkip}, {@code <stateName>_skipped_steps};
     * with a finite {@code outlierFactor} also the outlier guard ({@code <stateName>_outlier_steps},
     * {@code <stateName>_gradient_scale}) judging {@code gradients}. Without skipping every step is
     * applied, the predicate given to {@code commit} must be null and the outlier factor is ignored.
     */
    public static GuardedStep open(Ops tf, String stateName, StateFactory state, boolean canSkip,
                                   double outlierFactor, List<? extends Operand<Float>> gradients) {
        Variable<Float> step = state.createScalar(tf, stateName + "_step", 0f);
        if (!canSkip) {
            return new GuardedStep(step, null, null, null, null, null, stateName);
        }
        GuardedStep unjudged = openSkippable(tf, stateName, state, outlierFactor, step);
        Operand<Float> maxAbs = Reductions.maxAbs(tf, gradients);
        return unjudged.judged(maxAbs, unjudged.guard == null ? null : unjudged.guard.judge(tf, maxAbs, step));
    }

    /**
     * The same counters and outlier guard for a fused kernel that reads the gradients in its own pass
     * (docs/native-kernel.md), so that the graph makes no reduction pass over them: the kernel judges
     * max|g| + tiny against {@link #outlierBound} and reports max|g| and its verdict through
     * {@link #judgedByKernel}, whose result commits the step.
     */
    public static GuardedStep openForKernel(Ops tf, String stateName, StateFactory state, double outlierFactor) {
        return openSkippable(tf, stateName, state, outlierFactor, state.createScalar(tf, stateName + "_step", 0f));
    }

    private static GuardedStep openSkippable(Ops tf, String stateName, StateFactory state, double outlierFactor,
                                             Variable<Float> step) {
        Variable<Float> skipped = state.createScalar(tf, stateName + "_skipped_steps", 0f);
        OutlierGuard guard = OutlierGuard.open(tf, stateName, state, outlierFactor);
        Variable<Float> outliers = guard == null ? null : state.createScalar(tf, stateName + "_outlier_steps", 0f);
        return new GuardedStep(step, skipped, outliers, null, guard, null, stateName);
    }

    /**
     * What a fused kernel judges max|g| + tiny against: the outlier guard's bound, +∞ with the guard off
     * or before the first applied step.
     */
    public Operand<Float> outlierBound(Ops tf) {
        return guard == null ? tf.constant(Float.POSITIVE_INFINITY) : guard.bound(tf, step);
    }

    /**
     * This step as a fused kernel judged it ({@link #openForKernel}): its max|g| and its verdict
     * {@code outlierFlag} (1: an outlier, 0: not), which the guard's scale and counters then follow.
     * With the guard off the flag is not read, and no node is built for it.
     */
    public GuardedStep judgedByKernel(Ops tf, Operand<Float> maxAbs, Operand<Float> outlierFlag) {
        if (skippedSteps == null || maxAbsGradient != null) {
            throw new IllegalStateException("only a step opened for a kernel is judged by it");
        }
        return judged(maxAbs, guard == null ? null
                : guard.judgedByKernel(tf, maxAbs, tf.math.equal(outlierFlag, tf.constant(1f))));
    }

    /** This step's counters and guard with max|g| and the verdict on it. */
    private GuardedStep judged(Operand<Float> maxAbs, OutlierGuard.Verdict verdict) {
        return new GuardedStep(step, skippedSteps, outlierSteps, maxAbs, guard, verdict, stateName);
    }

    /** Applied (not skipped) steps before this one: the 0-based t of schedules. */
    public Variable<Float> step() {
        return step;
    }

    /**
     * max |g| over every gradient element (NaN ignored, ±∞ gives +∞), for a family's own bounds; empty
     * when this step cannot be skipped. Computed once, shared with the outlier guard.
     */
    public Optional<Operand<Float>> maxAbsGradient() {
        return Optional.ofNullable(maxAbsGradient);
    }

    /**
     * The outlier guard's verdict on this step's gradient (true: skip it); empty with the guard off.
     * A fused kernel that judges the gradients itself commits with the predicate "applied or outlier",
     * so each skip is still counted once.
     */
    public Optional<Operand<Boolean>> outlier() {
        return Optional.ofNullable(outlier == null ? null : outlier.outlier);
    }

    /** The counter of steps skipped as non-finite; empty when this step cannot be skipped. */
    public Optional<Variable<Float>> skippedSteps() {
        return Optional.ofNullable(skippedSteps);
    }

    /**
     * Starts the diagnostics with {@link Diagnostic#STEP} and, as far as this step can be skipped,
     * {@link Diagnostic#SKIPPED_STEPS} and {@link Diagnostic#OUTLIER_STEPS}.
     */
    public Diagnostics.Builder diagnostics() {
        Diagnostics.Builder builder = Diagnostics.builder().add(Diagnostic.STEP, step);
        if (skippedSteps != null) {
            builder.add(Diagnostic.SKIPPED_STEPS, skippedSteps);
        }
        if (outlierSteps != null) {
            builder.add(Diagnostic.OUTLIER_STEPS, outlierSteps);
        }
        return builder;
    }

    /** Assigns every {@code writes} value when the step is applied; the train op. */
    public Operand<Float> commit(Ops tf, Operand<Boolean> finite, List<StateWrite> writes) {
        List<Operand<?>> values = new ArrayList<>();
        writes.forEach(w -> values.add(w.value()));
        return commit(tf, finite, values, (scope, gate) -> {
            List<Operand<?>> assigns = new ArrayList<>();
            for (StateWrite w : writes) {
                assigns.add(scope.assign(w.target(), gate.apply(w.value())));
            }
            return assigns;
        });
    }

    /**
     * For writes that are fused kernels (ApplyAdam, ApplyMomentum): once every one of {@code inputs}
     * is computed, {@code writes} builds the write ops in the scope it is given, passing each input it
     * consumes through the gate.
     *
     * @param finite the family's predicate that the step and its new values are finite; null only
     *               when this step cannot be skipped
     */
    public Operand<Float> commit(Ops tf, Operand<Boolean> finite, List<Operand<?>> inputs, WriteBuilder writes) {
        if ((finite == null) != (skippedSteps == null)) {
            throw new IllegalArgumentException("a predicate is needed exactly when the step can be skipped");
        }
        if (skippedSteps != null && maxAbsGradient == null) {
            throw new IllegalStateException("a step opened for a kernel commits only once the kernel has judged it");
        }
        String name = GraphInputs.unusedName(tf, stateName + "_train");
        if (finite == null) {
            List<Operand<?>> done = writes.build(tf.withControlDependencies(inputs), v -> v);
            return tf.withName(name).withControlDependencies(done).assignAdd(step, tf.constant(1f));
        }
        Operand<Boolean> apply = outlier == null ? finite
                : tf.math.logicalAnd(finite, tf.math.logicalNot(outlier.outlier));
        Ops afterInputs = tf.withControlDependencies(inputs);
        Function<Operand<Float>, Operand<Float>> gate = v -> afterInputs.switchCond(v, apply).outputTrue();
        List<Operand<?>> done = writes.build(afterInputs, gate);

        // The counters move after the scale has read them; the step's value is the counter that moved.
        Ops counters = outlier == null ? tf : tf.withControlDependencies(List.of(outlier.updateScale(tf, apply, step)));
        SwitchCond<Float> one = counters.switchCond(counters.constant(1f), apply);
        Operand<Float> applied = tf.withControlDependencies(done).assignAdd(step, one.outputTrue());
        Operand<Float> skipped;
        if (outlier == null) {
            skipped = tf.assignAdd(skippedSteps, one.outputFalse());
        } else {
            Operand<Float> isOutlier = tf.dtypes.cast(outlier.outlier, Float.class);
            Operand<Float> nonFinite = counters.switchCond(tf.math.sub(tf.constant(1f), isOutlier), apply).outputFalse();
            Operand<Float> outliers = counters.switchCond(isOutlier, apply).outputFalse();
            skipped = tf.math.add(tf.assignAdd(skippedSteps, nonFinite), tf.assignAdd(outlierSteps, outliers));
        }
        return tf.withName(name).merge(List.of(applied, skipped)).output();
    }

    /** Builds the write ops of a step in {@code scope}, gating every input it writes through {@code gate}. */
    @FunctionalInterface
    public interface WriteBuilder {
        List<Operand<?>> build(Ops scope, Function<Operand<Float>, Operand<Float>> gate);
    }
}
