package org.arturo.tf.numerics;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/** Sums over every element of several tensors, as the optimizers' global scalars need them. */
public final class Reductions {
    private Reductions() {
    }

    /** The sum of scalars; the scalar itself when there is one. */
    public static <T> Operand<T> sum(Ops tf, List<Operand<T>> scalars) {
        return scalars.size() == 1 ? scalars.get(0) : tf.math.addN(scalars);
    }

    /** How a sum over many elements adds its float32 terms. */
    public enum Accumulation {
        /** In float32, as TF's reductions add. */
        FLOAT,
        /**
         * In float64, rounded once to float32. Exact to about 1e-13 relative whatever the order of the
         * additions, so two implementations that add the same float32 terms in different orders (TF's
         * reductions, the native core's lanes) almost always round to the same float; a float32 sum
         * would differ in its last bits. Costs a Cast per tensor.
         */
        DOUBLE
    }

    /** The sum of every element of every tensor, in float32. */
    public static Operand<Float> sumOfAll(Ops tf, List<? extends Operand<Float>> tensors) {
        return sumOfAll(tf, tensors, Accumulation.FLOAT);
    }

    /** The sum of every element of every tensor, added as {@code accumulation} says. */
    public static Operand<Float> sumOfAll(Ops tf, List<? extends Operand<Float>> tensors, Accumulation accumulation) {
        return accumulation == Accumulation.DOUBLE
                ? tf.dtypes.cast(sumOfAllAs(tf, tensors, Double.class), Float.class)
                : sumOfAllAs(tf, tensors, Float.class);
    }

    private static <T> Operand<T> sumOfAllAs(Ops tf, List<? extends Operand<Float>> tensors, Class<T> type) {
        Operand<Integer> all = tf.constant(new int[] {-1});
        Operand<Integer> axis = tf.constant(0);
        List<Operand<T>> sums = new ArrayList<>();
        for (Operand<Float> t : tensors) {
            sums.add(tf.reduceSum(as(tf, tf.reshape(t, all), type), axis));
        }
        return sum(tf, sums);
    }

    /** x as `type`: itself when it is float32 already, so that no Cast enters the graph. */
    @SuppressWarnings("unchecked")
    private static <T> Operand<T> as(Ops tf, Operand<Float> x, Class<T> type) {
        return type == Float.class ? (Operand<T>) x : tf.dtypes.cast(x, type);
    }

    /** The mean of every element of one tensor, whatever its rank. */
    public static Operand<Float> meanOfAll(Ops tf, Operand<Float> tensor) {
        return tf.math.mean(tf.reshape(tensor, tf.constant(new int[] {-1})), tf.constant(0));
    }

    /**
     * True when every element is finite, from one sum: NaN or ±∞ anywhere makes the sum non-finite.
     * Its one false alarm is a sum that overflows float32 (|Σ| &gt; 3.4e38).
     */
    public static Operand<Boolean> allFinite(Ops tf, List<? extends Operand<Float>> tensors) {
        return tf.math.isFinite(sumOfAll(tf, tensors));
    }

    /**
     * max |x| over every element of every tensor, without a temporary |x| (a max and a min reduction
     * per tensor). NaN elements are ignored by the reductions; ±∞ gives +∞.
     */
    public static Operand<Float> maxAbs(Ops tf, List<? extends Operand<Float>> tensors) {
        Operand<Integer> all = tf.constant(new int[] {-1});
        Operand<Integer> axis = tf.constant(0);
        List<Operand<Float>> maxima = new ArrayList<>();
        for (Operand<Float> t : tensors) {
            Operand<Float> flat = tf.reshape(t, all);
            maxima.add(tf.math.maximum(tf.max(flat, axis), tf.math.neg(tf.min(flat, axis))));
        }
        return maxima.size() == 1 ? maxima.get(0) : tf.max(tf.stack(maxima), axis);
    }
}
