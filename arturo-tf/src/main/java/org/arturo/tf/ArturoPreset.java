package org.arturo.tf;

import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.schedule.Schedules;

/**
 * The paper's tuned hyperparameters (Table 2), one per column: ε, ρ, r, q and weight decay, plus the
 * schedule they were tuned with (ε × 0.006 at 50% and 75% of training). All other values are the
 * Appendix C defaults of {@link ArturoConfig}.
 */
public enum ArturoPreset {
    FASHION_MNIST_CNN(0.08567456308209788, 0.05865661620286048, 2.8167911612651997, 0.017392958232048346,
            1.5403963328610538e-6, 120, 60, 90),
    FASHION_MNIST_RESNET18(0.08567456308209788, 0.05865661620286048, 2.8167911612651997, 0.017392958232048346,
            1.5403963328610538e-6, 120, 60, 90),
    CIFAR10_CNN(0.0027874950489428373, 0.29678595692807475, 1.2197500060716369, 0.0024552552650014426,
            0.0, 160, 80, 120),
    CIFAR10_RESNET34(0.007132920002311371, 1.5973544349997737, 9.328440015416716, 0.08938098738904834,
            0.0007029104518730781, 160, 80, 120),
    CIFAR100_CNN(0.0027874950489428373, 0.29678595692807475, 1.2197500060716369, 0.0024552552650014426,
            0.0, 160, 80, 120),
    CIFAR100_RESNET34(0.007233730017485263, 1.676769985136136, 4.822031633849579, 0.009778753916444217,
            0.0, 160, 80, 120);

    /** The paper's ε decay factor at each milestone. */
    public static final double PAPER_GAMMA = 0.006;

    private final double epsilon;
    private final double rho;
    private final double r;
    private final double q;
    private final double weightDecay;
    private final long paperEpochs;
    private final long[] paperMilestoneEpochs;

    ArturoPreset(double epsilon, double rho, double r, double q, double weightDecay, long paperEpochs,
                 long... paperMilestoneEpochs) {
        this.epsilon = epsilon;
        this.rho = rho;
        this.r = r;
        this.q = q;
        this.weightDecay = weightDecay;
        this.paperEpochs = paperEpochs;
        this.paperMilestoneEpochs = paperMilestoneEpochs;
    }

    public double epsilon() { return epsilon; }

    public double rho() { return rho; }

    public double r() { return r; }

    public double q() { return q; }

    public double weightDecay() { return weightDecay; }

    /** Epochs the paper trained for. */
    public long paperEpochs() { return paperEpochs; }

    /** The paper's milestone epochs (0-based epoch at which ε drops). */
    public long[] paperMilestoneEpochs() { return paperMilestoneEpochs.clone(); }

    /** A builder with this preset's values and the Appendix C defaults. */
    public ArturoConfig.Builder builder() {
        return ArturoConfig.builder().preset(this);
    }

    /** This preset's configuration, constant ε. */
    public ArturoConfig config() {
        return builder().build();
    }

    /**
     * The paper's multi-step ε schedule compressed to {@code epochs} epochs: milestones at the same
     * fractions of training (e.g. 60 and 90 of 120 become 5 and 7 of 10, rounded, each ≥ 1).
     */
    public Schedule paperSchedule(long epochs, long stepsPerEpoch) {
        Check.inRange("epochs", epochs, 2, Long.MAX_VALUE);
        long[] milestones = new long[paperMilestoneEpochs.length];
        long previous = 0;
        for (int i = 0; i < milestones.length; i++) {
            long m = Math.round((double) paperMilestoneEpochs[i] * epochs / paperEpochs);
            milestones[i] = Math.max(previous + 1, m);
            previous = milestones[i];
        }
        return Schedules.multiStepEpochs(PAPER_GAMMA, stepsPerEpoch, milestones);
    }
}
