package org.arturo.tf.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.arturo.tf.arturo.ArturoPreset;
import org.arturo.tf.preset.PaperTask;
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
            assertEquals(false, s.nesterov());
            assertEquals(s.toString(), SgdConfig.builder().preset(sgd).build().toString(), "builder().preset(p) = p.config()");

            AdamPreset adam = AdamPreset.of(task);
            AdamConfig a = adam.config();
            assertEquals(task, adam.task());
            assertEquals(1e-8, a.epsilon());
            assertEquals(a.toString(), AdamConfig.adamWBuilder().preset(adam).build().toString(), "an Adam preset makes Adam");
            assertEquals(0.0, a.weightDecay(), "the paper's Adam runs applied no weight decay");
            assertEquals(false, a.decoupledWeightDecay());

            AdamWPreset adamW = AdamWPreset.of(task);
            AdamConfig w = adamW.config();
            assertEquals(task, adamW.task());
            assertEquals(true, w.decoupledWeightDecay());
            assertEquals(w.toString(), AdamConfig.builder().preset(adamW).build().toString(), "an AdamW preset makes AdamW");
        }
    }

    /** The Fashion-MNIST CNN column's values, as the reference implementation's configuration files list them. */
    @Test
    void fashionMnistCnnValues() {
        SgdConfig s = SgdPreset.FASHION_MNIST_CNN.config();
        assertEquals(0.07104941466307176, s.learningRate());
        assertEquals(0.8657299202128064, s.momentum());
        assertEquals(0.0002247076258274683, s.weightDecay());
        AdamConfig a = AdamPreset.FASHION_MNIST_CNN.config();
        assertEquals(0.0010124381281468571, a.learningRate());
        assertEquals(0.9452561249176903, a.beta1());
        assertEquals(0.9903417453021011, a.beta2());
        AdamConfig w = AdamWPreset.FASHION_MNIST_CNN.config();
        assertEquals(0.0010042022959335032, w.learningRate());
        assertEquals(0.9222472693342788, w.beta1());
        assertEquals(0.9999446218805058, w.beta2());
        assertEquals(0.00014236954411167154, w.weightDecay());
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
                    long sgdDrops = Math.round(Math.log(sgd.factorAt(epoch)) / Math.log(org.arturo.tf.preset.Preset.BASELINE_GAMMA));
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
