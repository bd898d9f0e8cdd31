package org.arturo.tf.baselines;

import org.arturo.tf.preset.PaperTask;
import org.arturo.tf.preset.Preset;

/**
 * The paper's tuned SGD-with-momentum hyperparameters, one per benchmark column (the reference
 * implementation's {@code experiments/hyperparameter_configs/sgd/*.yml}): learning rate, momentum
 * and coupled weight decay, tuned with a multi-step schedule (lr × 0.1 at 50% and 75% of training).
 * Nesterov was off.
 */
public enum SgdPreset implements Preset<SgdConfig> {
    FASHION_MNIST_CNN(PaperTask.FASHION_MNIST_CNN, 0.07104941466307176, 0.8657299202128064, 0.0002247076258274683),
    FASHION_MNIST_RESNET18(PaperTask.FASHION_MNIST_RESNET18, 0.13703143914683882, 0.8540867186466918,
            0.0019628778027380735),
    CIFAR10_CNN(PaperTask.CIFAR10_CNN, 0.01783363359054504, 0.9467621764163304, 0.0001632297890687358),
    CIFAR10_RESNET34(PaperTask.CIFAR10_RESNET34, 0.05647954851010358, 0.8664874765380984, 0.0016973382637335273),
    CIFAR100_CNN(PaperTask.CIFAR100_CNN, 0.01783363359054504, 0.9467621764163304, 0.0001632297890687358),
    CIFAR100_RESNET34(PaperTask.CIFAR100_RESNET34, 0.06799373956698931, 0.8673695434076598, 0.0017998911061911822);

    private final PaperTask task;
    private final SgdConfig config;

    SgdPreset(PaperTask task, double learningRate, double momentum, double weightDecay) {
        this.task = task;
        this.config = SgdConfig.builder().learningRate(learningRate).momentum(momentum).weightDecay(weightDecay).build();
    }

    /** The preset of a benchmark column. */
    public static SgdPreset of(PaperTask task) {
        return Preset.forTask(SgdPreset.class, task);
    }

    @Override
    public PaperTask task() { return task; }

    /** This preset's configuration: its learning rate, momentum and weight decay; constant schedule. */
    @Override
    public SgdConfig config() { return config; }

    /** A builder holding this preset's values, to set a schedule or override single values. */
    public SgdConfig.Builder builder() { return config.toBuilder(); }
}
