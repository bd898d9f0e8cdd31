package org.arturo.tf.baselines;

import org.arturo.tf.PaperTask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.arturo.tf.ArturoPreset;
import org.arturo.tf.schedule.Schedule;
import org.junit.jupiter.api.Test;

/** Presets build valid configurations, and their schedules compress the paper's milestones. */
class PresetsTest {
    @Test
    void everyColumnBuildsAConfigurationCarryingItsValues() {
        for (PaperTask task : PaperTask.values()) {
            SgdPreset sgd = SgdPreset.of(task);
            SgdConfig s = sgd.config();
            assertEquals(task, sgd.task());
            assertEquals(sgd.learningRate(), s.learningRate());
            assertEquals(sgd.momentum(), s.momentum());
            assertEquals(sgd.weightDecay(), s.weightDecay());
            assertEquals(false, s.nesterov());

            AdamPreset adam = AdamPreset.of(task);
            AdamConfig a = adam.config();
            assertEquals(task, adam.task());
            assertEquals(adam.learningRate(), a.learningRate());
            assertEquals(adam.beta1(), a.beta1());
            assertEquals(adam.beta2(), a.beta2());
            assertEquals(1e-8, a.epsilon());
            assertEquals(0.0, a.weightDecay(), "the paper's Adam runs applied no weight decay");

            AdamWPreset adamW = AdamWPreset.of(task);
            AdamWConfig w = adamW.config();
            assertEquals(task, adamW.task());
            assertEquals(adamW.learningRate(), w.learningRate());
            assertEquals(adamW.beta1(), w.beta1());
            assertEquals(adamW.beta2(), w.beta2());
            assertEquals(adamW.weightDecay(), w.weightDecay());
        }
    }

    @Test
    void columnsMatchArturosPresets() {
        for (ArturoPreset preset : ArturoPreset.values()) {
            assertEquals(preset.name(), preset.task().name());
        }
    }

    /** 60/90 of 120 epochs: at 12 epochs they fall on epochs 6 and 9; at 10 epochs, 7.5 rounds to 8. */
    @Test
    void fashionMnistScheduleByHand() {
        assertArrayEquals(new long[] {6, 9}, PaperTask.FASHION_MNIST_CNN.milestoneEpochs(12));
        assertArrayEquals(new long[] {5, 8}, PaperTask.FASHION_MNIST_CNN.milestoneEpochs(10));
        assertArrayEquals(new long[] {1, 2}, PaperTask.FASHION_MNIST_CNN.milestoneEpochs(2));
        Schedule s = AdamWPreset.FASHION_MNIST_CNN.paperSchedule(12, 10);
        assertEquals(1.0, s.factorAt(59));
        assertEquals(0.1, s.factorAt(60), 1e-12);
        assertEquals(0.1, s.factorAt(89), 1e-12);
        assertEquals(0.01, s.factorAt(90), 1e-12);
        assertEquals(0.01, s.factorAt(119), 1e-12);
    }

    /** The baselines' LR drops fall on exactly the steps where arTuRO's ε drops, for any run length. */
    @Test
    void milestonesAgreeWithArturosPaperSchedule() {
        for (ArturoPreset preset : ArturoPreset.values()) {
            for (long epochs = 2; epochs <= 200; epochs++) {
                Schedule arturo = preset.paperSchedule(epochs, 1);
                Schedule sgd = SgdPreset.of(preset.task()).paperSchedule(epochs, 1);
                for (long epoch = 0; epoch <= epochs; epoch++) {
                    long arturoDrops = Math.round(Math.log(arturo.factorAt(epoch)) / Math.log(ArturoPreset.PAPER_GAMMA));
                    long sgdDrops = Math.round(Math.log(sgd.factorAt(epoch)) / Math.log(SgdPreset.PAPER_GAMMA));
                    assertEquals(arturoDrops, sgdDrops, preset + ", " + epochs + " epochs, epoch " + epoch);
                }
            }
        }
    }

    @Test
    void presetsCarryTheirScheduleThroughTheBuilder() {
        Schedule schedule = SgdPreset.CIFAR10_CNN.paperSchedule(16, 5);
        SgdConfig c = SgdPreset.CIFAR10_CNN.builder().schedule(schedule).build();
        assertEquals(1.0, c.schedule().factorAt(39));
        assertEquals(0.1, c.schedule().factorAt(40), 1e-12);
        assertEquals(0.01, c.schedule().factorAt(60), 1e-12);
    }
}
