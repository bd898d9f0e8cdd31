package org.arturo.tf.preset;

import org.arturo.tf.Check;
import org.arturo.tf.schedule.Schedule;

/**
 * A set of tuned hyperparameters from the paper, for one benchmark column ({@link PaperTask}), with
 * the multi-step schedule it was tuned with. Every optimizer family's presets implement it.
 *
 * @param <C> the family's configuration
 */
public interface Preset<C> {
    /** The benchmark column (dataset × model), with the paper's epochs and milestones. */
    PaperTask task();

    /** The milestone factor the paper's baselines (SGD, Adam, AdamW) were tuned with: lr × 0.1. */
    double BASELINE_GAMMA = 0.1;

    /** The factor the schedule multiplies by at each milestone; {@link #BASELINE_GAMMA} unless a family's presets say otherwise. */
    default double paperGamma() {
        return BASELINE_GAMMA;
    }

    /** This preset's configuration, constant schedule. */
    C config();

    /** The preset of {@code type} for a benchmark column: every family names its presets after the columns. */
    static <E extends Enum<E> & Preset<?>> E forTask(Class<E> type, PaperTask task) {
        return Enum.valueOf(type, Check.notNull("task", task).name());
    }

    /**
     * The paper's schedule compressed to {@code epochs} epochs: × {@link #paperGamma()} at the same
     * fractions of training as the paper's milestones ({@link PaperTask#milestoneEpochs(long)}).
     */
    default Schedule paperSchedule(long epochs, long stepsPerEpoch) {
        return task().multiStepSchedule(paperGamma(), epochs, stepsPerEpoch);
    }
}
