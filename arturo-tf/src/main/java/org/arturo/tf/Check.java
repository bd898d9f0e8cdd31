package org.arturo.tf;

import java.util.HashMap;
import java.util.Map;

/**
 * Range checks that name the parameter, the value and the valid range.
 *
 * <p>Every real hyperparameter ends up as a float32 constant in the graph, so the {@code ...Float}
 * checks judge the value as the float32 it rounds to: NaN, a value that rounds to ±∞ (beyond
 * {@link #FLOAT_MAX}) and a non-zero value that rounds to 0 or to a subnormal (below
 * {@link #FLOAT_MIN_NORMAL}) are rejected. Subnormals count as invalid because TensorFlow's CPU
 * kernels flush them to 0: a weight decay or an ε of 1e-40 would silently be 0.
 */
public final class Check {
    /** The largest finite float32, 3.4028235E38. */
    public static final double FLOAT_MAX = Float.MAX_VALUE;
    /** The smallest normal float32, 1.17549435E-38 (2^-126). */
    public static final double FLOAT_MIN_NORMAL = Float.MIN_NORMAL;
    /** 2^126 = 8.507059E37: the largest value whose reciprocal is still a normal float32. */
    public static final double RECIPROCAL_MAX = 0x1p126;
    /** The largest float32 below 1, 0.99999994 (1 − 2^-24). */
    public static final double FLOAT_BELOW_ONE = Math.nextDown(1f);

    private static final String NORMAL = "the smallest normal float32";

    private Check() {
    }

    /** Finite and strictly positive: (0, ∞). */
    public static double positive(String name, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new InvalidHyperparameterException(name, value, "(0, ∞), finite");
        }
        return value;
    }

    /** Finite and non-negative: [0, ∞). */
    public static double nonNegative(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new InvalidHyperparameterException(name, value, "[0, ∞), finite");
        }
        return value;
    }

    /** Finite and inside the open interval (low, high). */
    public static double openInterval(String name, double value, double low, double high) {
        if (!Double.isFinite(value) || value <= low || value >= high) {
            throw new InvalidHyperparameterException(name, value, "(" + format(low) + ", " + format(high) + ")");
        }
        return value;
    }

    /** Finite and inside the half-open interval [low, high). */
    public static double halfOpen(String name, double value, double low, double high) {
        if (!Double.isFinite(value) || value < low || value >= high) {
            throw new InvalidHyperparameterException(name, value, "[" + format(low) + ", " + format(high) + ")");
        }
        return value;
    }

    /** Finite and inside the closed interval [low, high]. */
    public static double closedInterval(String name, double value, double low, double high) {
        if (!Double.isFinite(value) || value < low || value > high) {
            throw new InvalidHyperparameterException(name, value, "[" + format(low) + ", " + format(high) + "]");
        }
        return value;
    }

    /** A whole number in [low, high]. */
    public static long inRange(String name, long value, long low, long high) {
        if (value < low || value > high) {
            throw new InvalidHyperparameterException(name, value, "[" + format(low) + ", " + format(high) + "]");
        }
        return value;
    }

    /** A value that must be present. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new InvalidHyperparameterException(name, "null", "a non-null value");
        }
        return value;
    }

    // ---- float32 ------------------------------------------------------------------------------

    /** A positive normal float32: (0, 3.4028235E38] as float32, not below 1.17549435E-38. */
    public static double positiveFloat(String name, double value) {
        return checkFloat(name, value, false, FLOAT_MAX, true, null);
    }

    /**
     * A positive normal float32 of at most {@code max} (a derived bound, e.g. 2^126 so that the
     * reciprocal is normal too); {@code why} says where the bound comes from.
     */
    public static double positiveFloat(String name, double value, double max, String why) {
        return checkFloat(name, value, false, max, true, why);
    }

    /** A positive normal float32 below {@code max} (exclusive), e.g. a tolerance in (0, 0.5). */
    public static double positiveFloatBelow(String name, double value, double max, String why) {
        return checkFloat(name, value, false, max, false, why);
    }

    /** 0 or a positive normal float32: [0, 3.4028235E38] as float32, no value in (0, 1.17549435E-38). */
    public static double nonNegativeFloat(String name, double value) {
        return checkFloat(name, value, true, FLOAT_MAX, true, null);
    }

    /**
     * A decay factor such as β or a momentum, [0, 1) (or (0, 1) without {@code zeroAllowed}) as
     * float32: a value that rounds to 1.0f (0.9999999999) is rejected, because the graph needs
     * 1 − value &gt; 0.
     */
    public static double fractionFloat(String name, double value, boolean zeroAllowed) {
        return checkFloat(name, value, zeroAllowed, 1, false, "1 − " + name + " must be > 0");
    }

    /** Whether {@code value} is exactly 0 or rounds to a positive normal float32 (no check of an upper bound). */
    public static boolean isZeroOrNormalFloat(double value) {
        float f = (float) value;
        return value == 0 || (f >= Float.MIN_NORMAL && f <= Float.MAX_VALUE);
    }

    /** A bound as a float32 reads, for messages: 2.0, 3.4028235E38, 1.17549435E-38. */
    public static String floatText(double bound) {
        if (Double.isInfinite(bound)) {
            return bound > 0 ? "∞" : "-∞";
        }
        return Float.toString((float) bound);
    }

    /**
     * What a rejected value becomes in float32, for the message: "it is Infinity in float32", "it
     * underflows to 0 in float32", ...; null when the float32 value itself says nothing new.
     */
    public static String float32Detail(double value) {
        float f = (float) value;
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        if (Float.isInfinite(f)) {
            return "it is " + f + " in float32";
        }
        if (value != 0 && f == 0) {
            return "it underflows to 0 in float32";
        }
        if (f != 0 && Math.abs(f) < Float.MIN_NORMAL) {
            return "it is the subnormal " + f + " in float32, which TensorFlow flushes to 0";
        }
        if (f != value && Math.abs(value) < 1 && Math.abs(f) == 1) {
            return "it rounds to " + f + " in float32";
        }
        return null;
    }

    /** The range text of the {@code ...Float} checks, e.g. "(0, 3.4028235E38] as float32 (not below ...)". */
    public static String floatRange(boolean zeroAllowed, double max, boolean maxInclusive, String why) {
        String high = max == Math.rint(max) && max < 1e15 ? format(max) : floatText(max);
        String range = (zeroAllowed ? "[0, " : "(0, ") + high + (maxInclusive ? "]" : ")")
                + " as float32 (" + (zeroAllowed ? "0 or " : "") + "not below " + Float.MIN_NORMAL + ", " + NORMAL + ")";
        return why == null ? range : range + ": " + why;
    }

    private static double checkFloat(String name, double value, boolean zeroAllowed, double max, boolean maxInclusive,
                                     String why) {
        float f = (float) value;
        boolean valid = value == 0 ? zeroAllowed
                : !Double.isNaN(value) && f >= Float.MIN_NORMAL && (maxInclusive ? f <= max : f < max)
                        && !Float.isInfinite(f);
        if (!valid) {
            throw InvalidHyperparameterException.withDetail(name, value, floatRange(zeroAllowed, max, maxInclusive, why),
                    float32Detail(value));
        }
        return value;
    }

    // ---- values that depend on each other -----------------------------------------------------

    /**
     * The order in which a builder's values were set. A bound that spans several values (ε·weightDecay
     * &lt; 1) is checked when the builder builds; the error then blames the value set last, the one the
     * user most likely just changed. A builder made from a configuration starts with nothing set.
     */
    public static final class SetOrder {
        private final Map<String, Long> stamps = new HashMap<>();
        private long clock;

        /** Records that {@code name} was just set. */
        public void set(String name) {
            stamps.put(name, ++clock);
        }

        /** Forgets every record: values copied from an existing configuration count as not set by the user. */
        public void forget() {
            stamps.clear();
        }

        /** Of {@code names}, the one set last; null when none of them was set in this builder. */
        public String last(String... names) {
            String last = null;
            long latest = 0;
            for (String name : names) {
                long stamp = stamps.getOrDefault(name, 0L);
                if (stamp > latest) {
                    latest = stamp;
                    last = name;
                }
            }
            return last;
        }
    }

    /**
     * value_t = base·factor(t) must be a finite float32 at the schedule's largest factor. The base is
     * one already (its setter checked it), so only a factor above 1 can break this: the error names
     * {@code schedule}.
     *
     * @param schedule  the schedule, for the message
     * @param maxFactor its largest factor
     */
    public static void scaledFinite(String baseName, double base, Object schedule, double maxFactor) {
        double b = (float) base;
        if (b * maxFactor > FLOAT_MAX) {
            throw new InvalidHyperparameterException("schedule", schedule + " (largest factor " + maxFactor + ")",
                    "largest factor ≤ 3.4028235E38/" + baseName + " = " + floatText(FLOAT_MAX / b) + ": " + baseName
                            + "·factor(t) must be a finite float32");
        }
    }

    /**
     * base·maxFactor·weightDecay &lt; 1, as float32: a decay θ ← θ·(1 − base_t·weightDecay) keeps the
     * parameters' sign at every step. Blamed on {@code schedule} when only its factors above 1 break it,
     * else on whichever of {@code baseName} and {@code weightDecay} was set last, else on the schedule
     * when it was set (replacing one whose factors stayed below 1), else on both ("epsilon·weightDecay").
     */
    public static void decayKeepsSign(String baseName, double base, double weightDecay, Object schedule,
                                      double maxFactor, SetOrder order) {
        double b = (float) base;
        double wd = (float) weightDecay;
        if (b * maxFactor * wd < 1) {
            return;
        }
        String why = baseName + "_t·weightDecay ≥ 1 would flip the parameters' sign";
        if (b * wd < 1) {
            throw new InvalidHyperparameterException("schedule", schedule + " (largest factor " + maxFactor + ")",
                    "largest factor < 1/(" + baseName + "·weightDecay) = " + floatText(1 / (b * wd)) + ": " + why);
        }
        boolean scaled = maxFactor != 1;
        String last = order.last(baseName, "weightDecay");
        if (baseName.equals(last)) {
            throw new InvalidHyperparameterException(baseName, base, "(0, 1/" + (scaled ? "(weightDecay·maxFactor)" : "weightDecay")
                    + ") = (0, " + floatText(1 / (wd * maxFactor)) + ") with weightDecay = " + weightDecay + ": " + why);
        }
        if ("weightDecay".equals(last)) {
            throw new InvalidHyperparameterException("weightDecay", weightDecay, "[0, 1/" + (scaled ? "(" + baseName
                    + "·maxFactor)" : baseName) + ") = [0, " + floatText(1 / (b * maxFactor)) + ") with " + baseName + " = "
                    + base + ": " + why);
        }
        if (order.last("schedule") != null) {
            throw new InvalidHyperparameterException("schedule", schedule + " (largest factor " + maxFactor + ")",
                    "largest factor < 1/(" + baseName + "·weightDecay) = " + floatText(1 / (b * wd)) + ": " + why);
        }
        throw new InvalidHyperparameterException(baseName + "·weightDecay", base + "·" + weightDecay + " = " + b * wd,
                "[0, 1" + (scaled ? "/maxFactor" : "") + "): " + why);
    }

    /** A bound as people write it: 0 and 1 rather than 0.0 and 1.0. */
    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
    }
}
