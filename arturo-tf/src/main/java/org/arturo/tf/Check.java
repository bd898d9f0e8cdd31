package org.arturo.tf;

/** Range checks that name the parameter, the value and the valid range. */
public final class Check {
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

    /** A bound as people write it: 0 and 1 rather than 0.0 and 1.0. */
    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
    }
}
