package org.arturo.kotlindl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.arturo.tf.Check;
import org.arturo.tf.ConfiguredOptimizer;
import org.arturo.tf.Diagnostics;
import org.arturo.tf.GraphOptimizer;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.OptimizerUpdate;
import org.arturo.tf.StepInputs;
import org.arturo.tf.state.ParameterShape;
import org.arturo.tf.state.StateFactory;
import org.jetbrains.kotlinx.dl.api.core.GraphTrainableModel;
import org.jetbrains.kotlinx.dl.api.core.KGraph;
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientAction;
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByNorm;
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue;
import org.jetbrains.kotlinx.dl.api.core.optimizer.NoClipGradient;
import org.jetbrains.kotlinx.dl.api.core.optimizer.Optimizer;
import org.tensorflow.Operand;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;

/**
 * Any {@link GraphOptimizer} (arTuRO, or a baseline built on the same interface) as a KotlinDL 0.4
 * {@link Optimizer}: pass it to {@code model.compile(...)} like KotlinDL's own {@code Adam}.
 *
 * <pre>{@code
 * // Java
 * Optimizer optimizer = new KotlinDlOptimizer(new ArturoOptimizer(ArturoConfig.builder().epsilon(0.0028).build()));
 * Optimizer clipped = KotlinDlOptimizer.builder(new AdamOptimizer(AdamConfig.defaults()))
 *         .clipGradient(new ClipGradientByValue(1f))
 *         .build();
 * }</pre>
 * Kotlin users write {@code arturo { epsilon = 0.0028 }} instead.
 *
 * <p>What it adds to the wrapped optimizer:
 * <ul>
 *   <li>KotlinDL's gradient clipping ({@link #getClipGradient()}) is applied to every gradient first.</li>
 *   <li>Per-parameter state becomes KotlinDL slots ({@code optimizer_<weight>-<slot>}) and scalar state
 *       becomes optimizer variables ({@code optimizer_<name>}), so {@code model.save(..., saveOptimizerState
 *       = true)} and {@code loadWeights(..., loadOptimizerState = true)} round-trip all of it.</li>
 *   <li>{@link #diagnostics()} exposes the optimizer's per-step scalars (η, C/ε, ...) for telemetry.</li>
 * </ul>
 *
 * <p>The clipping action is checked here, like every other hyperparameter: {@code ClipGradientByValue(c)}
 * needs a positive normal float32 {@code c}, and KotlinDL 0.4.0's {@code ClipGradientByNorm}, which is not
 * implemented and would throw when the model compiles, is rejected at once.
 *
 * <p>One instance serves one model: it remembers the graph it was compiled into. Create a new one
 * per model.
 *
 * <p>This is Java because KotlinDL's {@code Optimizer} has an {@code internal abstract} member that a
 * Kotlin class outside KotlinDL cannot implement; its JVM names are {@code isRunningOnGPU$api}
 * (0.4) and {@code isRunningOnGPU$tensorflow} (0.5), both implemented here.
 */
public class KotlinDlOptimizer extends Optimizer {
    private final GraphOptimizer graphOptimizer;
    private OptimizerUpdate update;
    private KGraph compiledGraph;

    /**
     * Wraps {@code graphOptimizer} with KotlinDL's gradient clipping {@code clipGradient}.
     *
     * @throws InvalidHyperparameterException for {@code ClipGradientByValue(c)} with c NaN, infinite, not
     *         positive or subnormal, and for {@code ClipGradientByNorm} (not implemented in KotlinDL 0.4.0)
     */
    public KotlinDlOptimizer(GraphOptimizer graphOptimizer, ClipGradientAction clipGradient) {
        super(checkClipGradient(clipGradient));
        this.graphOptimizer = Objects.requireNonNull(graphOptimizer, "graphOptimizer");
    }

    /**
     * Returns {@code clipGradient} if arturo can apply it: {@code NoClipGradient}, {@code ClipGradientByValue(c)}
     * with c a positive normal float32 (finite, not below 1.17549435E-38), or a clipping action of your own.
     *
     * @throws InvalidHyperparameterException (parameter {@code clipGradient}) otherwise
     */
    public static ClipGradientAction checkClipGradient(ClipGradientAction clipGradient) {
        Objects.requireNonNull(clipGradient, "clipGradient");
        if (clipGradient instanceof ClipGradientByValue byValue) {
            float c = KotlinDlInternals.clipValueOf(byValue);
            // NaN fails both comparisons; a subnormal c would be flushed to 0 by TensorFlow and zero every gradient.
            if (!(c >= Float.MIN_NORMAL && c <= Float.MAX_VALUE)) {
                throw InvalidHyperparameterException.withDetail("clipGradient", describeClipGradient(clipGradient),
                        CLIP_BY_VALUE_RANGE, Check.float32Detail(c));
            }
        } else if (clipGradient instanceof ClipGradientByNorm) {
            throw InvalidHyperparameterException.withDetail("clipGradient", describeClipGradient(clipGradient),
                    "NoClipGradient or " + CLIP_BY_VALUE_RANGE,
                    "KotlinDL 0.4.0 does not implement ClipGradientByNorm: it throws UnsupportedOperationException"
                            + " \"Is not implemented yet!\" when the model compiles");
        }
        return clipGradient;
    }

    /** c of ClipGradientByValue(c) is a positive normal float32, like every other real hyperparameter. */
    private static final String CLIP_BY_VALUE_RANGE =
            "ClipGradientByValue(c) with c in " + Check.floatRange(false, Float.MAX_VALUE, true, null);

    /** The clipping action with its bound, e.g. {@code ClipGradientByValue(1.0)}; the class name for others. */
    public static String describeClipGradient(ClipGradientAction clipGradient) {
        if (clipGradient instanceof ClipGradientByValue byValue) {
            return "ClipGradientByValue(" + KotlinDlInternals.clipValueOf(byValue) + ")";
        }
        if (clipGradient instanceof ClipGradientByNorm byNorm) {
            return "ClipGradientByNorm(" + KotlinDlInternals.clipNormOf(byNorm) + ")";
        }
        return clipGradient.getClass().getSimpleName();
    }

    /** Wraps {@code graphOptimizer} without gradient clipping. */
    public KotlinDlOptimizer(GraphOptimizer graphOptimizer) {
        this(graphOptimizer, new NoClipGradient());
    }

    /** A fluent builder around any {@link GraphOptimizer}. */
    public static Builder builder(GraphOptimizer graphOptimizer) {
        return new Builder(graphOptimizer);
    }

    /** The wrapped optimizer (for arTuRO an {@code ArturoOptimizer}, whose {@code config()} is the configuration). */
    public GraphOptimizer graphOptimizer() {
        return graphOptimizer;
    }

    /**
     * The wrapped optimizer's configuration as text: {@code config().toString()} for a
     * {@link ConfiguredOptimizer} (every optimizer of this library: all its hyperparameters, schedule
     * included), else {@code toString()}. Checkpoints record it to tell whether a model is resumed with
     * the hyperparameters it was saved with.
     */
    public String configDescription() {
        return graphOptimizer instanceof ConfiguredOptimizer<?> configured
                ? String.valueOf(configured.config())
                : graphOptimizer.toString();
    }

    /** True once {@code model.compile(...)} has built the update into a model's graph. */
    public boolean isCompiled() {
        return update != null;
    }

    /**
     * The wrapped optimizer's diagnostics (for arTuRO: step, skippedSteps, eta, klRatio, solverIterations,
     * epsilon), as operands of the compiled model's graph: read them with that model's session.
     *
     * @throws IllegalStateException before the model is compiled
     */
    public Diagnostics diagnostics() {
        if (update == null) {
            throw new IllegalStateException("the optimizer is not compiled into a model yet: call model.compile(optimizer, ...) first");
        }
        return update.diagnostics();
    }

    @Override
    protected List<Operand<Float>> applyGradients(KGraph graph, Ops tf, List<Variable<Float>> weights,
                                                  Gradients gradients) {
        if (update != null) {
            throw new IllegalStateException("this " + getOptimizerName() + " optimizer is already compiled into a model;"
                    + " create a new optimizer for each model (its state lives in that model's graph)");
        }
        List<Operand<Float>> clipped = new ArrayList<>(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            Operand<Float> dy = gradients.dy(i);
            // A null gradient (weight not reaching the loss) is reported by the core with the weight's name.
            clipped.add(dy == null ? null : getClipGradient().clipGradient(tf, dy));
        }
        update = graphOptimizer.apply(StepInputs.ofGradients(tf, weights, clipped), new SlotStateFactory(graph, tf));
        compiledGraph = graph;
        return List.of(update.trainOp());
    }

    @Override
    public String getOptimizerName() {
        return graphOptimizer.name();
    }

    /** KotlinDL 0.4's JVM name of {@code Optimizer.isRunningOnGPU}; KotlinDL does not consult it. Not verified on a GPU. */
    public boolean isRunningOnGPU$api() {
        return false;
    }

    /** KotlinDL 0.5's JVM name of {@code Optimizer.isRunningOnGPU}. */
    public boolean isRunningOnGPU$tensorflow() {
        return false;
    }

    @Override
    public String toString() {
        return "KotlinDlOptimizer{" + graphOptimizer.name() + ", clipGradient="
                + describeClipGradient(getClipGradient()) + "}";
    }

    /** True when this optimizer was compiled into {@code model}. */
    public boolean isCompiledInto(GraphTrainableModel model) {
        return compiledGraph != null && compiledGraph == model.getKGraph();
    }

    /**
     * Creates the wrapped optimizer's state the way KotlinDL saves and restores optimizer state.
     * It uses the root {@code Ops} of the model, so names are exactly the ones {@code loadWeights} looks up.
     */
    private final class SlotStateFactory implements StateFactory {
        private final KGraph graph;
        private final Ops root;

        SlotStateFactory(KGraph graph, Ops root) {
            this.graph = graph;
            this.root = root;
        }

        /**
         * Slot {@code optimizer_<weight>-<slotName>}, assigned from a fill op named
         * {@code Init_optimizer_<weight>-<slotName>}: {@code loadWeights} feeds that op to restore the slot.
         */
        @Override
        public Variable<Float> createSlot(Ops tf, Variable<Float> parameter, String slotName, float initialValue) {
            String weightName = parameter.op().name();
            Operand<Float> initializer = root.withName("Init_optimizer_" + weightName + "-" + slotName)
                    .fill(ParameterShape.of(root, parameter), root.constant(initialValue));
            KotlinDlOptimizer.this.createSlot(graph, root, parameter.asOutput(), slotName, initializer);
            return KotlinDlOptimizer.this.getSlot(weightName, slotName);
        }

        /** Variable {@code optimizer_<name>} with {@code Assign_optimizer_<name>} from {@code Init_optimizer_<name>}. */
        @Override
        public Variable<Float> createScalar(Ops tf, String name, float initialValue) {
            String variableName = "optimizer_" + name;
            Variable<Float> variable = root.withName(variableName).variable(Shape.scalar(), Float.class);
            Assign<Float> init = root.withName("Assign_" + variableName)
                    .assign(variable, root.withName("Init_" + variableName).constant(initialValue));
            graph.addOptimizerVariableInitializer(init);
            graph.addOptimizerVariable(variable);
            return variable;
        }
    }

    /** Fluent construction for Java users: {@code KotlinDlOptimizer.builder(optimizer).clipGradient(c).build()}. */
    public static final class Builder {
        private final GraphOptimizer graphOptimizer;
        private ClipGradientAction clipGradient = new NoClipGradient();

        private Builder(GraphOptimizer graphOptimizer) {
            this.graphOptimizer = Objects.requireNonNull(graphOptimizer, "graphOptimizer");
        }

        /**
         * KotlinDL's gradient clipping, applied before the optimizer sees the gradients. Default: none.
         *
         * @throws InvalidHyperparameterException as {@link KotlinDlOptimizer#checkClipGradient} does
         */
        public Builder clipGradient(ClipGradientAction value) {
            this.clipGradient = checkClipGradient(value);
            return this;
        }

        public KotlinDlOptimizer build() {
            return new KotlinDlOptimizer(graphOptimizer, clipGradient);
        }
    }
}
