package org.arturo.tf.baselines;

import org.arturo.tf.preset.PaperTask;
import org.arturo.tf.preset.Preset;

/**
 * The paper's tuned AdamW hyperparameters, one per benchmark column (the reference implementation's
 * {@code experiments/hyperparameter_configs/adamw/*.yml}): learning rate, β's and decoupled weight
 * decay, tuned with a multi-step schedule (lr × 0.1 at 50% and 75% of training) and PyTorch's ε = 1e-8.
 */
public enum AdamWPreset implements Preset<AdamConfig> {
    FASHION_MNIST_CNN(PaperTask.FASHION_MNIST_CNN, 0.0010042022959335032, 0.9222472693342788, 0.9999446218805058,
            0.00014236954411167154),
    FASHION_MNIST_RESNET18(PaperTask.FASHION_MNIST_RESNET18, 0.01874380569980047, 0.8627483006856222,
            0.999998647239106, 0.000039621663585780745),
    CIFAR10_CNN(PaperTask.CIFAR10_CNN, 0.001128815397451714, 0.8511573305016629, 0.9989395313299604,
            0.0010896508199628118),
    CIFAR10_RESNET34(PaperTask.CIFAR10_RESNET34, 0.006651718336327752, 0.8903129562149071, 0.9993867068533816,
            0.0004466189480608125),
    CIFAR100_CNN(PaperTask.CIFAR100_CNN, 0.001128815397451714, 0.8511573305016629, 0.9989395313299604,
            0.0010896508199628118),
    CIFAR100_RESNET34(PaperTask.CIFAR100_RESNET34, 0.001245107913473811, 0.8586426410012914, 0.9988019396111851,
            0.0018037506582507632);

    private final PaperTask task;
    private final AdamConfig config;

    AdamWPreset(PaperTask task, double learningRate, double beta1, double beta2, double weightDecay) {
        this.task = task;
        this.config = AdamConfig.adamWBuilder().learningRate(learningRate).beta1(beta1).beta2(beta2).weightDecay(weightDecay).build();
    }

    /** The preset of a benchmark column. */
    public static AdamWPreset of(PaperTask task) {
        return Preset.forTask(AdamWPreset.class, task);
    }

    @Override
    public PaperTask task() { return task; }

    /** This preset's configuration: its learning rate, β's and decoupled weight decay; ε = 1e-8, constant schedule. */
    @Override
    public AdamConfig config() { return config; }

    /** A builder holding this preset's values, to set a schedule or override single values. */
    public AdamConfig.Builder builder() { return config.toBuilder(); }
}
