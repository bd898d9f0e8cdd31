package org.arturo.tf.arturo;

import org.arturo.tf.preset.PaperTask;
import org.arturo.tf.preset.Preset;

/**
 * The paper's tuned hyperparameters (Table 2), one per column: ε, ρ, r, q and weight decay (in that
 * order below), plus the schedule they were tuned with (ε × 0.006 at 50% and 75% of training). All other values are the
 * Appendix C defaults of {@link ArturoConfig}. Its schedule is {@link #paperSchedule(long, long)}.
 */
public enum ArturoPreset implements Preset<ArturoConfig> {
    FASHION_MNIST_CNN(PaperTask.FASHION_MNIST_CNN,
            0.08567456308209788, 0.05865661620286048, 2.8167911612651997, 0.017392958232048346, 1.5403963328610538e-6),
    FASHION_MNIST_RESNET18(PaperTask.FASHION_MNIST_RESNET18,
            0.08567456308209788, 0.05865661620286048, 2.8167911612651997, 0.017392958232048346, 1.5403963328610538e-6),
    CIFAR10_CNN(PaperTask.CIFAR10_CNN,
            0.0027874950489428373, 0.29678595692807475, 1.2197500060716369, 0.0024552552650014426, 0.0),
    CIFAR10_RESNET34(PaperTask.CIFAR10_RESNET34,
            0.007132920002311371, 1.5973544349997737, 9.328440015416716, 0.08938098738904834, 0.0007029104518730781),
    CIFAR100_CNN(PaperTask.CIFAR100_CNN,
            0.0027874950489428373, 0.29678595692807475, 1.2197500060716369, 0.0024552552650014426, 0.0),
    CIFAR100_RESNET34(PaperTask.CIFAR100_RESNET34,
            0.007233730017485263, 1.676769985136136, 4.822031633849579, 0.009778753916444217, 0.0);

    /** The paper's ε decay factor at each milestone. */
    public static final double PAPER_GAMMA = 0.006;

    private final double epsilon;
    private final double rho;
    private final double r;
    private final double q;
    private final double weightDecay;
    private final PaperTask task;

    ArturoPreset(PaperTask task, double epsilon, double rho, double r, double q, double weightDecay) {
        this.task = task;
        this.epsilon = epsilon;
        this.rho = rho;
        this.r = r;
        this.q = q;
        this.weightDecay = weightDecay;
    }

    public double epsilon() { return epsilon; }

    public double rho() { return rho; }

    public double r() { return r; }

    public double q() { return q; }

    public double weightDecay() { return weightDecay; }

    /** The benchmark column (dataset × model), with the paper's epochs and milestones. */
    @Override
    public PaperTask task() { return task; }

    @Override
    public double paperGamma() { return PAPER_GAMMA; }

    /** A builder with this preset's values and the Appendix C defaults. */
    public ArturoConfig.Builder builder() {
        return ArturoConfig.builder().preset(this);
    }

    /** This preset's configuration, constant ε. */
    @Override
    public ArturoConfig config() {
        return builder().build();
    }
}
