package org.arturo.tf.config;

import org.arturo.tf.Check;
import org.arturo.tf.graph.OutlierGuard;
import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.schedule.Schedules;

/**
 * What every learning-rate optimizer shares (SGD, Adam and the families to come): the learning rate,
 * its schedule, weight decay and the skip policy (non-finite and outlier gradients). A family's
 * configuration extends it and its builder extends {@link Builder}, so these four are validated and
 * spelled the same everywhere: the learning rate a positive normal float32, the weight decay 0 or one,
 * and (in {@link Builder#checkShared(boolean)}) lr_t = lr·factor(t) a finite float32 at the schedule's
 * largest factor.
 */
public abstract class LearningRateConfig {
    private final double learningRate;
    private final Schedule schedule;
    private final double weightDecay;
    private final boolean skipNonFinite;
    private final double outlierFactor;

    protected LearningRateConfig(Builder<?, ?> b) {
        learningRate = b.learningRate;
        schedule = b.schedule;
        weightDecay = b.weightDecay;
        skipNonFinite = b.skipNonFinite;
        outlierFactor = b.outlierFactor;
    }

    /** lr, before the schedule: lr_t = lr · schedule.factor(t). */
    public double learningRate() { return learningRate; }

    /** The schedule of the learning rate, counted in applied steps. */
    public Schedule schedule() { return schedule; }

    /** Weight decay; whether coupled or decoupled is the family's to say. */
    public double weightDecay() { return weightDecay; }

    /** Skip (and count) a step whose gradient holds NaN or ±∞, leaving parameters and state unchanged. */
    public boolean skipNonFinite() { return skipNonFinite; }

    /**
     * Skip (and count apart) a step whose largest gradient element exceeds this factor times the
     * running scale of recent gradients; +∞ turns the outlier guard off. Only with
     * {@link #skipNonFinite()} (docs/algorithm.md, "Outlier guard").
     */
    public double outlierFactor() { return outlierFactor; }

    /** The shared values, for a family's {@code toString}. */
    protected String sharedToString() {
        return "learningRate=" + learningRate + ", weightDecay=" + weightDecay + ", schedule=" + schedule
                + ", skipNonFinite=" + skipNonFinite + ", outlierFactor=" + outlierFactor;
    }

    /**
     * The shared part of a family's validating builder: each setter checks its value at once.
     *
     * @param <B> the family's builder (returned by every setter)
     * @param <C> the configuration it builds
     */
    public abstract static class Builder<B extends Builder<B, C>, C extends LearningRateConfig> {
        private double learningRate;
        private Schedule schedule = Schedules.constant();
        private double weightDecay;
        private boolean skipNonFinite = true;
        private double outlierFactor = OutlierGuard.DEFAULT_FACTOR;
        private final Check.SetOrder order = new Check.SetOrder();

        /** A builder with the family's default learning rate and weight decay. */
        protected Builder(double learningRate, double weightDecay) {
            this.learningRate = learningRate;
            this.weightDecay = weightDecay;
        }

        /** A builder holding {@code c}'s shared values. */
        protected Builder(LearningRateConfig c) {
            learningRate(c.learningRate).schedule(c.schedule).weightDecay(c.weightDecay).skipNonFinite(c.skipNonFinite)
                    .outlierFactor(c.outlierFactor);
            order.forget();
        }

        protected abstract B self();

        /** Checks the values that depend on each other, then freezes them. */
        public abstract C build();

        /** lr: a positive normal float32; {@link #checkShared(boolean)} checks lr·factor(t). */
        public B learningRate(double value) {
            learningRate = Check.positiveFloat("learningRate", value);
            order.set("learningRate");
            return self();
        }

        /** The schedule of the learning rate, with honest factor bounds. */
        public B schedule(Schedule value) {
            Schedules.checkFactorBounds("schedule", Check.notNull("schedule", value));
            if (value != schedule) {
                order.set("schedule");
            }
            schedule = value;
            return self();
        }

        /** 0 or a positive normal float32; where it scales with lr_t the family's build checks lr_t·weightDecay &lt; 1. */
        public B weightDecay(double value) {
            weightDecay = Check.nonNegativeFloat("weightDecay", value);
            order.set("weightDecay");
            return self();
        }

        public B skipNonFinite(boolean value) {
            skipNonFinite = value;
            return self();
        }

        /** See {@link LearningRateConfig#outlierFactor()}: (1, ∞], where +∞ turns the outlier guard off. */
        public B outlierFactor(double value) {
            outlierFactor = OutlierGuard.checkFactor(value);
            return self();
        }

        protected double learningRate() { return learningRate; }

        protected double weightDecay() { return weightDecay; }

        /** The schedule as set so far. */
        protected Schedule schedule() { return schedule; }

        /** The order in which this builder's values were set, to blame the last in a cross check. */
        protected Check.SetOrder order() { return order; }

        /**
         * The checks every family's {@code build()} runs first: lr_t = lr·factor(t) a finite float32 at
         * the schedule's largest factor and, when the weight decay multiplies the parameters by
         * 1 − lr_t·weightDecay ({@code decayScalesWithLearningRate}: SGD's coupled decay, AdamW's decoupled
         * one), lr·maxFactor·weightDecay &lt; 1, so the decay never flips the parameters' sign.
         */
        protected void checkShared(boolean decayScalesWithLearningRate) {
            double max = schedule.maxFactor();
            Check.scaledFinite("learningRate", learningRate, schedule, max);
            if (decayScalesWithLearningRate) {
                Check.decayKeepsSign("learningRate", learningRate, weightDecay, schedule, max, order);
            }
        }
    }
}
