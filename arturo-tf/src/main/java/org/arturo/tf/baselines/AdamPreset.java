package org.arturo.tf.baselines;

import org.arturo.tf.preset.PaperTask;
import org.arturo.tf.preset.Preset;

/**
 * The paper's tuned Adam hyperparameters, one per benchmark column (the reference implementation's
 * {@code experiments/hyperparameter_configs/adam/*.yml}): learning rate and β's, tuned with a
 * multi-step schedule (lr × 0.1 at 50% and 75% of training) and PyTorch's ε = 1e-8.
 *
 * <p>Weight decay: the configuration files list a tuned value, but the reference code constructs
 * {@code torch.optim.Adam} without it, so the paper's Adam runs used none. Its configuration's weight
 * decay is therefore 0 and {@link #tunedWeightDecay()} keeps the listed value for those who want to apply it.
 */
public enum AdamPreset implements Preset<AdamConfig> {
    FASHION_MNIST_CNN(PaperTask.FASHION_MNIST_CNN, 0.0010124381281468571, 0.9452561249176903, 0.9903417453021011,
            0.0),
    FASHION_MNIST_RESNET18(PaperTask.FASHION_MNIST_RESNET18, 0.0451147209563554, 0.9078947277729217,
            0.9999988329626311, 0.0000016446860037361782),
    CIFAR10_CNN(PaperTask.CIFAR10_CNN, 0.001128815397451714, 0.8511573305016629, 0.9989395313299604,
            0.0010896508199628118),
    CIFAR10_RESNET34(PaperTask.CIFAR10_RESNET34, 0.006651718336327752, 0.8903129562149071, 0.9993867068533816,
            0.0004466189480608125),
    CIFAR100_CNN(PaperTask.CIFAR100_CNN, 0.001128815397451714, 0.8511573305016629, 0.9989395313299604,
            0.0010896508199628118),
    CIFAR100_RESNET34(PaperTask.CIFAR100_RESNET34, 0.0016122378636394955, 0.8645823617461754, 0.9999529451468949,
            0.0019414937179368932);

    private final PaperTask task;
    private final AdamConfig config;
    private final double tunedWeightDecay;

    AdamPreset(PaperTask task, double learningRate, double beta1, double beta2, double tunedWeightDecay) {
        this.task = task;
        this.config = AdamConfig.builder().learningRate(learningRate).beta1(beta1).beta2(beta2).build();
        this.tunedWeightDecay = tunedWeightDecay;
    }

    /** The preset of a benchmark column. */
    public static AdamPreset of(PaperTask task) {
        return Preset.forTask(AdamPreset.class, task);
    }

    @Override
    public PaperTask task() { return task; }

    /** This preset's configuration: its learning rate and β's, no weight decay; ε = 1e-8, constant schedule. */
    @Override
    public AdamConfig config() { return config; }

    /** A builder holding this preset's values, to set a schedule or override single values. */
    public AdamConfig.Builder builder() { return config.toBuilder(); }

    /** The weight decay listed in the paper's tuned configuration, which its Adam runs did not apply. */
    public double tunedWeightDecay() { return tunedWeightDecay; }
}
