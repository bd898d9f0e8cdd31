package org.arturo.tf.preset;

import org.arturo.tf.Check;
import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.schedule.Schedules;

/**
 * The paper's six benchmark columns (dataset × model), each with the epochs it was trained for and
 * the epochs at which the multi-step schedule drops. Every family's {@link Preset}s name their column
 * with it.
 */
public enum PaperTask {
    FASHION_MNIST_CNN(120, 60, 90),
    FASHION_MNIST_RESNET18(120, 60, 90),
    CIFAR10_CNN(160, 80, 120),
    CIFAR10_RESNET34(160, 80, 120),
    CIFAR100_CNN(160, 80, 120),
    CIFAR100_RESNET34(160, 80, 120);

    private final long paperEpochs;
    private final long[] paperMilestoneEpochs;

    PaperTask(long paperEpochs, long... paperMilestoneEpochs) {
        this.paperEpochs = paperEpochs;
        this.paperMilestoneEpochs = paperMilestoneEpochs;
    }

    /** Epochs the paper trained for. */
    public long paperEpochs() { return paperEpochs; }

    /** The paper's milestone epochs (0-based epoch from which the schedule factor drops). */
    public long[] paperMilestoneEpochs() { return paperMilestoneEpochs.clone(); }

    /**
     * The milestones moved to the same fractions of a run of {@code epochs} epochs: e.g. 60 and 90
     * of 120 become 5 and 8 of 10 (rounded half up), each at least 1 and after the one before.
     */
    public long[] milestoneEpochs(long epochs) {
        Check.inRange("epochs", epochs, 2, Long.MAX_VALUE);
        long[] milestones = new long[paperMilestoneEpochs.length];
        long previous = 0;
        for (int i = 0; i < milestones.length; i++) {
            long m = Math.round((double) paperMilestoneEpochs[i] * epochs / paperEpochs);
            milestones[i] = Math.max(previous + 1, m);
            previous = milestones[i];
        }
        return milestones;
    }

    /** factor × {@code gamma} at each of {@link #milestoneEpochs(long)}, counted in optimizer steps. */
    public Schedule multiStepSchedule(double gamma, long epochs, long stepsPerEpoch) {
        return Schedules.multiStepEpochs(gamma, stepsPerEpoch, milestoneEpochs(epochs));
    }
}
