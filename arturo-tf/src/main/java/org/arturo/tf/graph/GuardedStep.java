package org.arturo.tf.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.arturo.tf.Diagnostic;
import org.arturo.tf.Diagnostics;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.SwitchCond;
import org.tensorflow.op.core.Variable;

/**
 * The one guarded write-back every optimizer shares (docs/architecture.md, "How a step flows"): the
 * step counter, the skipped-step counter, and the gate that lets a step's writes run only when one
 * scalar predicate holds.
 *
 * <p>The gate is a Switch on each write's input: on a bad step the writes never run (Switch forwards
 * buffers, so the guard costs no pass over the parameters) and only the skipped counter moves. All
 * writes wait for all new values, because an op that reads a variable after its assign sees the new
 * value.
 */
public final class GuardedStep {
    private final Variable<Float> step;
    private final Variable<Float> skippedSteps;
    private final String stateName;

    private GuardedStep(Variable<Float> step, Variable<Float> skippedSteps, String stateName) {
        this.step = step;
        this.skippedSteps = skippedSteps;
        this.stateName = stateName;
    }

    /**
     * Creates the counters {@code <stateName>_step} and, when {@code canSkip}, {@code <stateName>_skipped_steps}.
     * Without skipping every step is applied and the predicate given to {@code commit} must be null.
     */
    public static GuardedStep open(Ops tf, String stateName, StateFactory state, boolean canSkip) {
        Variable<Float> step = state.createScalar(tf, stateName + "_step", 0f);
        Variable<Float> skipped = canSkip ? state.createScalar(tf, stateName + "_skipped_steps", 0f) : null;
        return new GuardedStep(step, skipped, stateName);
    }

    /** Applied (not skipped) steps before this one: the 0-based t of schedules. */
    public Variable<Float> step() {
        return step;
    }

    /** The skipped-step counter; empty when this step cannot be skipped. */
    public Optional<Variable<Float>> skippedSteps() {
        return Optional.ofNullable(skippedSteps);
    }

    /** Starts the diagnostics with {@link Diagnostic#STEP} and, when skipping, {@link Diagnostic#SKIPPED_STEPS}. */
    public Diagnostics.Builder diagnostics() {
        Diagnostics.Builder builder = Diagnostics.builder().add(Diagnostic.STEP, step);
        if (skippedSteps != null) {
            builder.add(Diagnostic.SKIPPED_STEPS, skippedSteps);
        }
        return builder;
    }

    /** Assigns every {@code writes} value when {@code apply} holds; the train op. */
    public Operand<Float> commit(Ops tf, Operand<Boolean> apply, List<StateWrite> writes) {
        List<Operand<?>> values = new ArrayList<>();
        writes.forEach(w -> values.add(w.value()));
        return commit(tf, apply, values, (scope, gate) -> {
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
     * @param apply the predicate of an applied step; null only when this step cannot be skipped
     */
    public Operand<Float> commit(Ops tf, Operand<Boolean> apply, List<Operand<?>> inputs, WriteBuilder writes) {
        if ((apply == null) != (skippedSteps == null)) {
            throw new IllegalArgumentException("a predicate is needed exactly when the step can be skipped");
        }
        Ops afterInputs = tf.withControlDependencies(inputs);
        Function<Operand<Float>, Operand<Float>> gate = apply == null ? v -> v
                : v -> afterInputs.switchCond(v, apply).outputTrue();
        List<Operand<?>> done = writes.build(afterInputs, gate);
        String name = GraphInputs.unusedName(tf, stateName + "_train");
        if (apply == null) {
            return tf.withName(name).withControlDependencies(done).assignAdd(step, tf.constant(1f));
        }
        // The counter that moves is the step's value: Merge forwards whichever branch ran.
        SwitchCond<Float> one = tf.switchCond(tf.constant(1f), apply);
        Operand<Float> applied = tf.withControlDependencies(done).assignAdd(step, one.outputTrue());
        Operand<Float> skipped = tf.assignAdd(skippedSteps, one.outputFalse());
        return tf.withName(name).merge(List.of(applied, skipped)).output();
    }

    /** Builds the write ops of a step in {@code scope}, gating every input it writes through {@code gate}. */
    @FunctionalInterface
    public interface WriteBuilder {
        List<Operand<?>> build(Ops scope, Function<Operand<Float>, Operand<Float>> gate);
    }
}
