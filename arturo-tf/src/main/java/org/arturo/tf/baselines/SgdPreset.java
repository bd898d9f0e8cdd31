package org.arturo.tf.baselines;

import org.arturo.tf.PaperTask;

import org.arturo.tf.Check;
import org.arturo.tf.schedule.Schedule;

/**
 * The paper's tuned SGD-with-momentum hyperparameters, one per benchmark column (the reference
 * implementation's {@code experiments/hyperparameter_configs/sgd/*.yml}): learning rate, momentum
 * and coupled weight decay, tuned with a multi-step schedule (lr × 0.1 at 50% and 75% of training).
 * Nesterov was off.
 */
public enum SgdPreset {
    FASHION_MNIST_CNN(PaperTask.FASHION_MNIST_CNN, 0.07104941466307176, 0.8657299202128064, 0.0002247076258274683),
    FASHION_MNIST_RESNET18(PaperTask.FASHION_MNIST_RESNET18, 0.13703143914683882, 0.8540867186466918,
            0.0019628778027380735),
    CIFAR10_CNN(PaperTask.CIFAR10_CNN, 0.01783363359054504, 0.9467621764163304, 0.0001632297890687358),
    CIFAR10_RESNET34(PaperTask.CIFAR10_RESNET34, 0.05647954851010358, 0.8664874765380984, 0.0016973382637335273),
    CIFAR100_CNN(PaperTask.CIFAR100_CNN, 0.01783363359054504, 0.9467621764163304, 0.0001632297890687358),
    CIFAR100_RESNET34(PaperTask.CIFAR100_RESNET34, 0.06799373956698931, 0.8673695434076598, 0.0017998911061911822);

    /** The learning-rate decay factor at each milestone. */
    public static final double PAPER_GAMMA = 0.1;

    private final PaperTask task;
    private final double learningRate;
    private final double momentum;
    private final double weightDecay;

    SgdPreset(PaperTask task, double learningRate, double momentum, double weightDecay) {
        this.task = task;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** The preset of a benchmark column. */
    public static SgdPreset of(PaperTask task) {
        return valueOf(Check.notNull("task", task).name());
    }

    public PaperTask task() { return task; }

    public double learningRate() { return learningRate; }

    public double momentum() { return momentum; }

    public double weightDecay() { return weightDecay; }

    /** A builder with this preset's values and the other defaults (constant schedule). */
    public SgdConfig.Builder builder() {
        return SgdConfig.builder().preset(this);
    }

    /** This preset's configuration, constant learning rate. */
    public SgdConfig config() {
        return builder().build();
    }

    /**
     * The paper's schedule compressed to {@code epochs} epochs: lr × {@link #PAPER_GAMMA} at the
     * same fractions of training as the paper's milestones ({@link PaperTask#milestoneEpochs(long)}).
     */
    public Schedule paperSchedule(long epochs, long stepsPerEpoch) {
        return task.multiStepSchedule(PAPER_GAMMA, epochs, stepsPerEpoch);
    }
}
