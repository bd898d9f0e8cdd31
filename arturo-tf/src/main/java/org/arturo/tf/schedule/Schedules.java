package org.arturo.tf.schedule;

import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;

/**
 * Factories for {@link Schedule}s, validated when built. Steps are 0-based counts of applied
 * optimizer steps; the {@code ...Epochs} variants convert epochs with an explicit steps-per-epoch
 * (epoch e starts at step e · stepsPerEpoch, the 0-based epochs of PyTorch's schedulers).
 *
 * <p>Every factor a schedule reaches is a normal float32 (or exactly 0 where it decays to 0), since
 * the graph computes it in float32: γ^n of a multi-step schedule, each piecewise factor and the cosine
 * floor are checked, and an exponential rate above 1 (which grows without bound) is rejected. Every
 * milestone, boundary and length is at most {@link #MAX_STEP} steps: the optimizers count applied steps
 * in a float32 variable, exact to 2^24 and stuck there (2^24 + 1 rounds back to 2^24), so a milestone
 * beyond it would never be reached and the schedule would silently stop short.
 */
public final class Schedules {
    /** 2^24 = 16 777 216: the last step the float32 step counter reaches; the largest milestone or length. */
    public static final long MAX_STEP = 1L << 24;

    private static final String COUNTER = "the float32 step counter stops at 2^24 = " + MAX_STEP + " steps";

    private Schedules() {
    }

    /** factor(t) = 1. */
    public static Schedule constant() {
        return ConstantSchedule.INSTANCE;
    }

    /**
     * factor(t) = γ^(number of milestones ≤ t); milestones in steps, strictly increasing, in [1,
     * {@link #MAX_STEP}]. γ^k must be a normal float32 for every k up to the number of milestones.
     */
    public static Schedule multiStep(double gamma, long... milestones) {
        Check.positiveFloat("gamma", gamma);
        checkIncreasing("milestones", milestones);
        checkPower(gamma, milestones.length);
        return new MultiStepSchedule(milestones, gamma);
    }

    /** {@link #multiStep} with milestones given in epochs. The paper's ε schedule: γ = 0.006 at 50% and 75%. */
    public static Schedule multiStepEpochs(double gamma, long stepsPerEpoch, long... milestoneEpochs) {
        return multiStep(gamma, epochsToSteps("milestones", stepsPerEpoch, milestoneEpochs));
    }

    /**
     * factor(t) = rate^(t / decaySteps); with {@code staircase} the exponent is floored. The rate is in
     * (0, 1]: a rate above 1 grows without bound and overflows float32. A decay reaches 0 by underflow
     * within the step counter's range, which is what it means: the value has decayed away.
     */
    public static Schedule exponential(double rate, long decaySteps, boolean staircase) {
        Check.positiveFloat("rate", rate, 1, "a rate above 1 grows without bound and overflows float32");
        Check.inRange("decaySteps", decaySteps, 1, Long.MAX_VALUE);
        return new ExponentialSchedule(rate, decaySteps, staircase);
    }

    /** factor = rate^epoch, stepping once per epoch (PyTorch's ExponentialLR). */
    public static Schedule exponentialEpochs(double ratePerEpoch, long stepsPerEpoch) {
        return exponential(ratePerEpoch, checkStepsPerEpoch(stepsPerEpoch), true);
    }

    /**
     * Cosine annealing from 1 to {@code floor} over {@code totalSteps} ∈ [1, {@link #MAX_STEP}], then
     * constant. The floor is in [0, 1]: 0 (anneal to nothing) or a normal float32.
     */
    public static Schedule cosine(long totalSteps, double floor) {
        checkSteps("totalSteps", totalSteps);
        Check.closedInterval("floor", floor, 0, 1);
        if (!Check.isZeroOrNormalFloat(floor)) {
            throw InvalidHyperparameterException.withDetail("floor", floor,
                    "[0, 1]: 0 or not below " + Float.MIN_NORMAL + ", the smallest normal float32",
                    Check.float32Detail(floor));
        }
        return new CosineSchedule(totalSteps, floor);
    }

    /** {@link #cosine} over {@code totalEpochs} epochs. */
    public static Schedule cosineEpochs(long totalEpochs, double floor, long stepsPerEpoch) {
        return cosine(epochLength("totalEpochs", totalEpochs, stepsPerEpoch), floor);
    }

    /** A linear ramp min(1, (t+1)/W) over {@code warmupSteps} = W ∈ [1, {@link #MAX_STEP}] multiplied onto {@code after}. */
    public static Schedule warmup(long warmupSteps, Schedule after) {
        checkSteps("warmupSteps", warmupSteps);
        Check.notNull("after", after);
        return new WarmupSchedule(warmupSteps, after);
    }

    /** {@link #warmup} over {@code warmupEpochs} epochs. */
    public static Schedule warmupEpochs(long warmupEpochs, long stepsPerEpoch, Schedule after) {
        return warmup(epochLength("warmupEpochs", warmupEpochs, stepsPerEpoch), after);
    }

    /**
     * Piecewise constant: {@code factors[0]} before {@code boundaries[0]}, {@code factors[k]} from
     * {@code boundaries[k-1]} on. Needs one more factor than boundaries; factors positive normal
     * float32; boundaries strictly increasing in [1, {@link #MAX_STEP}].
     */
    public static Schedule piecewise(long[] boundaries, double[] factors) {
        Check.notNull("boundaries", boundaries);
        Check.notNull("factors", factors);
        checkIncreasing("boundaries", boundaries);
        if (factors.length != boundaries.length + 1) {
            throw new InvalidHyperparameterException("factors", "length " + factors.length,
                    "length boundaries.length + 1 = " + (boundaries.length + 1));
        }
        for (int i = 0; i < factors.length; i++) {
            Check.positiveFloat("factors[" + i + "]", factors[i]);
        }
        return new PiecewiseSchedule(boundaries, factors);
    }

    /** {@link #piecewise} with boundaries in epochs. */
    public static Schedule piecewiseEpochs(long[] boundaryEpochs, double[] factors, long stepsPerEpoch) {
        return piecewise(epochsToSteps("boundaries", stepsPerEpoch, boundaryEpochs), factors);
    }

    /**
     * Checks the factor bounds a schedule reports ({@link Schedule#maxFactor()},
     * {@link Schedule#minFactor()}): 0 ≤ min ≤ max ≤ 3.4028235E38. The schedules of this class always
     * pass; a schedule of one's own ({@code custom(...)} in the DSL) is checked here.
     */
    public static Schedule checkFactorBounds(String name, Schedule schedule) {
        double max = schedule.maxFactor();
        double min = schedule.minFactor();
        if (!(min >= 0) || !(max >= min) || !(max <= Check.FLOAT_MAX)) {
            throw new InvalidHyperparameterException(name, schedule + " (factors " + min + " to " + max + ")",
                    "minFactor in [0, maxFactor], maxFactor ≤ 3.4028235E38: every factor must be a finite float32 ≥ 0");
        }
        return schedule;
    }

    /**
     * Epoch numbers (0-based starts) to step numbers; each epoch in [0, {@link #maxEpochs}] so that it
     * starts within the step counter's range (errors name {@code epochs[i]}).
     */
    public static long[] epochsToSteps(long stepsPerEpoch, long... epochs) {
        return epochsToSteps("epochs", stepsPerEpoch, epochs);
    }

    /** {@link #epochsToSteps(long, long...)}, naming the values {@code name[i]} in errors. */
    public static long[] epochsToSteps(String name, long stepsPerEpoch, long... epochs) {
        checkStepsPerEpoch(stepsPerEpoch);
        Check.notNull(name, epochs);
        long max = maxEpochs(stepsPerEpoch);
        long[] steps = new long[epochs.length];
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] < 0 || epochs[i] > max) {
                throw new InvalidHyperparameterException(name + "[" + i + "]", epochs[i] + " epochs",
                        "[0, " + max + "] epochs at " + stepsPerEpoch + " steps per epoch: " + COUNTER);
            }
            steps[i] = epochs[i] * stepsPerEpoch;
        }
        return steps;
    }

    /** The last epoch that starts within the step counter's range: {@link #MAX_STEP} / stepsPerEpoch. */
    public static long maxEpochs(long stepsPerEpoch) {
        return MAX_STEP / checkStepsPerEpoch(stepsPerEpoch);
    }

    private static long epochLength(String name, long epochs, long stepsPerEpoch) {
        long max = maxEpochs(stepsPerEpoch);
        if (epochs < 1 || epochs > max) {
            throw new InvalidHyperparameterException(name, epochs,
                    "[1, " + max + "] epochs at " + stepsPerEpoch + " steps per epoch: " + COUNTER);
        }
        return epochs * stepsPerEpoch;
    }

    private static long checkStepsPerEpoch(long stepsPerEpoch) {
        if (stepsPerEpoch < 1 || stepsPerEpoch > MAX_STEP) {
            throw new InvalidHyperparameterException("stepsPerEpoch", stepsPerEpoch, "[1, " + MAX_STEP + "]: " + COUNTER);
        }
        return stepsPerEpoch;
    }

    private static void checkSteps(String name, long steps) {
        if (steps < 1 || steps > MAX_STEP) {
            throw new InvalidHyperparameterException(name, steps, "[1, " + MAX_STEP + "]: " + COUNTER);
        }
    }

    private static void checkIncreasing(String name, long[] values) {
        Check.notNull(name, values);
        long previous = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] <= previous || values[i] > MAX_STEP) {
                throw new InvalidHyperparameterException(name + "[" + i + "]", values[i],
                        "[" + (previous + 1) + ", " + MAX_STEP + "]: strictly increasing, ≥ 1; " + COUNTER);
            }
            previous = values[i];
        }
    }

    /** γ^k for k = 1..n must be a normal float32 (as the graph computes it, from the float32 γ). */
    private static void checkPower(double gamma, int n) {
        if (n < 2) {
            return;   // γ itself is checked
        }
        double g = (float) gamma;
        double power = Math.pow(g, n);
        if (power > Check.FLOAT_MAX || power < Check.FLOAT_MIN_NORMAL) {
            double low = Math.pow(Check.FLOAT_MIN_NORMAL, 1.0 / n);
            double high = Math.pow(Check.FLOAT_MAX, 1.0 / n);
            throw InvalidHyperparameterException.withDetail("gamma", gamma,
                    "[" + Check.floatText(Math.nextUp((float) low)) + ", " + Check.floatText(Math.nextDown((float) high))
                            + "] with " + n + " milestones: gamma^" + n + " must be a normal float32 ("
                            + Float.MIN_NORMAL + " to " + Float.MAX_VALUE + ")",
                    "gamma^" + n + " = " + power);
        }
    }
}
