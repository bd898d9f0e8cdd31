package org.arturo.training.loop;

import org.arturo.tf.Check;

/**
 * How long a loop trains: a number of steps, of training examples drawn, or of backpropagations (one
 * per gradient evaluation of a batch: the unit in which methods that evaluate a batch several times per
 * step compare with first-order ones). A loop stops at the first step that reaches it, so the last step
 * may pass it by less than one step's cost.
 */
public record Budget(Unit unit, long amount) {
    /** What a budget counts. */
    public enum Unit { STEPS, EXAMPLES, BACKPROPAGATIONS }

    public Budget {
        Check.notNull("unit", unit);
        Check.inRange(unit.name().toLowerCase(java.util.Locale.ROOT), amount, 1, Long.MAX_VALUE);
    }

    public static Budget steps(long n) {
        return new Budget(Unit.STEPS, n);
    }

    public static Budget examples(long n) {
        return new Budget(Unit.EXAMPLES, n);
    }

    public static Budget backpropagations(long n) {
        return new Budget(Unit.BACKPROPAGATIONS, n);
    }

    /** How much of the budget {@code method} has spent. */
    public long spent(TrainingMethod method) {
        return switch (unit) {
            case STEPS -> method.steps();
            case EXAMPLES -> method.examplesSeen();
            case BACKPROPAGATIONS -> method.backpropagations();
        };
    }

    /** How much of the budget had been spent after the step {@code report} describes. */
    public long spent(StepReport report) {
        return switch (unit) {
            case STEPS -> report.step();
            case EXAMPLES -> report.examplesSeen();
            case BACKPROPAGATIONS -> report.backpropagations();
        };
    }

    public boolean reached(TrainingMethod method) {
        return spent(method) >= amount;
    }

    @Override
    public String toString() {
        return amount + " " + unit.name().toLowerCase(java.util.Locale.ROOT);
    }
}
