package org.arturo.tf.schedule;

import org.arturo.tf.Check;
import org.arturo.tf.InvalidHyperparameterException;

/**
 * Factories for {@link Schedule}s, validated when built. Steps are 0-based counts of applied
 * optimizer steps; the {@code ...Epochs} variants convert epochs with an explicit steps-per-epoch
 * (epoch e starts at step e · stepsPerEpoch, the 0-based epochs of PyTorch's schedulers).
 */
public final class Schedules {
    private Schedules() {
    }

    /** factor(t) = 1. */
    public static Schedule constant() {
        return ConstantSchedule.INSTANCE;
    }

    /** factor(t) = γ^(number of milestones ≤ t); milestones in steps, strictly increasing, ≥ 1. */
    public static Schedule multiStep(double gamma, long... milestones) {
        Check.positive("gamma", gamma);
        checkIncreasing("milestones", milestones);
        return new MultiStepSchedule(milestones, gamma);
    }

    /** {@link #multiStep} with milestones given in epochs. The paper's ε schedule: γ = 0.006 at 50% and 75%. */
    public static Schedule multiStepEpochs(double gamma, long stepsPerEpoch, long... milestoneEpochs) {
        return multiStep(gamma, epochsToSteps(stepsPerEpoch, milestoneEpochs));
    }

    /** factor(t) = rate^(t / decaySteps); with {@code staircase} the exponent is floored. */
    public static Schedule exponential(double rate, long decaySteps, boolean staircase) {
        Check.positive("rate", rate);
        Check.inRange("decaySteps", decaySteps, 1, Long.MAX_VALUE);
        return new ExponentialSchedule(rate, decaySteps, staircase);
    }

    /** factor = rate^epoch, stepping once per epoch (PyTorch's ExponentialLR). */
    public static Schedule exponentialEpochs(double ratePerEpoch, long stepsPerEpoch) {
        return exponential(ratePerEpoch, checkStepsPerEpoch(stepsPerEpoch), true);
    }

    /** Cosine annealing from 1 to {@code floor} ∈ [0, 1] over {@code totalSteps}, then constant. */
    public static Schedule cosine(long totalSteps, double floor) {
        Check.inRange("totalSteps", totalSteps, 1, Long.MAX_VALUE);
        Check.closedInterval("floor", floor, 0, 1);
        return new CosineSchedule(totalSteps, floor);
    }

    /** {@link #cosine} over {@code totalEpochs} epochs. */
    public static Schedule cosineEpochs(long totalEpochs, double floor, long stepsPerEpoch) {
        Check.inRange("totalEpochs", totalEpochs, 1, Long.MAX_VALUE);
        return cosine(Math.multiplyExact(totalEpochs, checkStepsPerEpoch(stepsPerEpoch)), floor);
    }

    /** A linear ramp min(1, (t+1)/W) over {@code warmupSteps} multiplied onto {@code after}. */
    public static Schedule warmup(long warmupSteps, Schedule after) {
        Check.inRange("warmupSteps", warmupSteps, 1, Long.MAX_VALUE);
        Check.notNull("after", after);
        return new WarmupSchedule(warmupSteps, after);
    }

    /** {@link #warmup} over {@code warmupEpochs} epochs. */
    public static Schedule warmupEpochs(long warmupEpochs, long stepsPerEpoch, Schedule after) {
        Check.inRange("warmupEpochs", warmupEpochs, 1, Long.MAX_VALUE);
        return warmup(Math.multiplyExact(warmupEpochs, checkStepsPerEpoch(stepsPerEpoch)), after);
    }

    /**
     * Piecewise constant: {@code factors[0]} before {@code boundaries[0]}, {@code factors[k]} from
     * {@code boundaries[k-1]} on. Needs one more factor than boundaries; factors finite and &gt; 0.
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
            Check.positive("factors[" + i + "]", factors[i]);
        }
        return new PiecewiseSchedule(boundaries, factors);
    }

    /** {@link #piecewise} with boundaries in epochs. */
    public static Schedule piecewiseEpochs(long[] boundaryEpochs, double[] factors, long stepsPerEpoch) {
        Check.notNull("boundaries", boundaryEpochs);
        return piecewise(epochsToSteps(stepsPerEpoch, boundaryEpochs), factors);
    }

    /** Epoch numbers (0-based starts) to step numbers. */
    public static long[] epochsToSteps(long stepsPerEpoch, long... epochs) {
        checkStepsPerEpoch(stepsPerEpoch);
        Check.notNull("epochs", epochs);
        long[] steps = new long[epochs.length];
        for (int i = 0; i < epochs.length; i++) {
            steps[i] = Math.multiplyExact(epochs[i], stepsPerEpoch);
        }
        return steps;
    }

    private static long checkStepsPerEpoch(long stepsPerEpoch) {
        return Check.inRange("stepsPerEpoch", stepsPerEpoch, 1, Long.MAX_VALUE);
    }

    private static void checkIncreasing(String name, long[] values) {
        Check.notNull(name, values);
        long previous = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] <= previous) {
                throw new InvalidHyperparameterException(name + "[" + i + "]", values[i],
                        "[" + (previous + 1) + ", ∞): strictly increasing, ≥ 1");
            }
            previous = values[i];
        }
    }
}
