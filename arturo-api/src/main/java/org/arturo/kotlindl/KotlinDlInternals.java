package org.arturo.kotlindl;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.jetbrains.kotlinx.dl.api.core.GraphTrainableModel;
import org.jetbrains.kotlinx.dl.api.core.TrainableModel;
import org.jetbrains.kotlinx.dl.api.core.callback.Callback;
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByNorm;
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue;
import org.jetbrains.kotlinx.dl.api.core.optimizer.Optimizer;
import org.jetbrains.kotlinx.dl.api.inference.TensorFlowInferenceModel;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;

/**
 * Every use of KotlinDL 0.4.0 members that Kotlin code outside KotlinDL cannot see: Kotlin
 * {@code internal} members are public in bytecode under a mangled JVM name ({@code <name>$api}), which
 * Java can call. Pinned by KotlinDlInternalsSpec, so a KotlinDL upgrade that renames one fails there.
 *
 * <p>The other contact points with KotlinDL's internals are in {@link KotlinDlOptimizer}: the
 * {@code isRunningOnGPU$api} override (an internal abstract member) and the slot and scalar names
 * that {@code loadWeights} looks up.
 *
 * <p>Three values KotlinDL 0.4.0 keeps out of reach of any public or internal accessor are read by
 * reflection (the classes come from the class path, not from named modules, so this needs no
 * {@code --add-opens}): the optimizer a model was compiled with ({@code TrainableModel.getOptimizer},
 * protected) and the bounds of the gradient-clipping actions (private fields {@code clipValue} and
 * {@code clipNormValue}, without getters); and the graph pieces a training loop of its own feeds and
 * fetches ({@link #trainingGraphOf}).
 */
public final class KotlinDlInternals {
    private KotlinDlInternals() {
    }

    /** The model a callback is bound to; KotlinDL sets it at the start of {@code fit}. */
    public static GraphTrainableModel modelOf(Callback callback) {
        return callback.getModel$api();
    }

    /** The session {@code model} trains in. */
    public static Session sessionOf(GraphTrainableModel model) {
        return model.getSession$api();
    }

    /**
     * The optimizer {@code model} was compiled with, or null before {@code compile}.
     *
     * @throws IllegalStateException if KotlinDL no longer has the protected getter (an upgrade)
     */
    public static Optimizer optimizerOf(GraphTrainableModel model) {
        if (!model.isModelCompiled()) {
            return null;
        }
        try {
            Method getter = TrainableModel.class.getDeclaredMethod("getOptimizer");
            getter.setAccessible(true);
            return (Optimizer) getter.invoke(model);
        } catch (InvocationTargetException e) {
            // Kotlin's lateinit getter throws while the property is unset.
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the optimizer of " + model
                    + " (TrainableModel.getOptimizer): this KotlinDL version is not the 0.4.0 arturo is built for", e);
        }
    }

    /**
     * What {@code fit} feeds and fetches in a compiled model's graph: the features and labels
     * placeholders, the training loss (with the layers' regularization), the number of loss terms
     * (fed as m × the number of classes) and the training flag.
     */
    public record TrainingGraph(Ops tf, Placeholder<Float> features, Placeholder<Float> labels, Operand<Float> loss,
                                Operand<Float> numberOfLosses, Operand<Boolean> training) {
    }

    /**
     * The training graph of a compiled model.
     *
     * @throws IllegalStateException if the model is not compiled, or this KotlinDL is not 0.4.0
     */
    @SuppressWarnings("unchecked")
    public static TrainingGraph trainingGraphOf(GraphTrainableModel model) {
        if (!model.isModelCompiled()) {
            throw new IllegalStateException("the model is not compiled: compile it (any optimizer) so its loss exists");
        }
        return new TrainingGraph(
                (Ops) field(TensorFlowInferenceModel.class, "tf", model),
                placeholder(field(GraphTrainableModel.class, "xOp", model), "xOp"),
                placeholder(field(GraphTrainableModel.class, "yTrueOp", model), "yTrueOp"),
                (Operand<Float>) field(GraphTrainableModel.class, "lossOp", model),
                (Operand<Float>) field(GraphTrainableModel.class, "numberOfLossesOp", model),
                (Operand<Boolean>) field(GraphTrainableModel.class, "training", model));
    }

    @SuppressWarnings("unchecked")
    private static Placeholder<Float> placeholder(Object operand, String name) {
        if (!(operand instanceof Placeholder)) {
            throw new IllegalStateException("GraphTrainableModel." + name + " is " + operand
                    + ", not a placeholder: this KotlinDL version is not the 0.4.0 arturo is built for");
        }
        return (Placeholder<Float>) operand;
    }

    /** The bound c of {@code ClipGradientByValue(c)}: gradients are clipped to [-c, c]. */
    public static float clipValueOf(ClipGradientByValue clip) {
        return floatField(ClipGradientByValue.class, "clipValue", clip);
    }

    /** The norm bound of {@code ClipGradientByNorm(c)}. */
    public static float clipNormOf(ClipGradientByNorm clip) {
        return floatField(ClipGradientByNorm.class, "clipNormValue", clip);
    }

    private static Object field(Class<?> owner, String name, Object instance) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            Object value = field.get(instance);
            if (value == null) {
                throw new IllegalStateException(owner.getSimpleName() + "." + name + " is not set");
            }
            return value;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + owner.getSimpleName() + "." + name
                    + ": this KotlinDL version is not the 0.4.0 arturo is built for", e);
        }
    }

    private static float floatField(Class<?> owner, String name, Object instance) {
        return (Float) field(owner, name, instance);
    }
}
