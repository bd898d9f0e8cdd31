package org.arturo.tf.preset;

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

    /** The factor the schedule multiplies by at each milestone. */
    double paperGamma();

    /** This preset's configuration, constant schedule. */
    C config();

    /**
     * The paper's schedule compressed to {@code epochs} epochs: × {@link #paperGamma()} at the same
     * fractions of training as the paper's milestones ({@link PaperTask#milestoneEpochs(long)}).
     */
    default Schedule paperSchedule(long epochs, long stepsPerEpoch) {
        return task().multiStepSchedule(paperGamma(), epochs, stepsPerEpoch);
    }
}
