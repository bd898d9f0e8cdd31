package org.arturo.tf.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.noise.NoiseAwareConfig.Method;
import org.arturo.tf.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** NoiseAwareConfig: each method's own parameters validated, α required, the shared values shared. */
class NoiseAwareConfigTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Method.class)
    void theLearningRateHasNoDefault(Method method) {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> NoiseAwareConfig.builder(method).build());
        assertEquals("learningRate", e.parameter());
        assertTrue(e.getMessage().contains("no default"), e.getMessage());
        assertEquals(0.3, NoiseAwareConfig.builder(method).learningRate(0.3).build().learningRate());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {0, 1, 0.9999999999, -0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY, 1e-45})
    void betaIsInTheOpenUnitIntervalAsAFloat32(double beta) {
        for (Method method : Method.values()) {
            if (method.averages()) {
                InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                        () -> NoiseAwareConfig.builder(method).beta(beta), method + ", beta " + beta);
                assertEquals("beta", e.parameter());
            }
        }
    }

    @Test
    void ssdHasNoBeta() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> NoiseAwareConfig.builder(Method.SSD).beta(0.9));
        assertEquals("beta", e.parameter());
        assertTrue(e.getMessage().contains("has no effect"), e.getMessage());
        assertFalse(NoiseAwareConfig.builder(Method.SSD).learningRate(0.01).build().toString().contains("beta"));
    }

    @Test
    void defaultsAndToBuilder() {
        NoiseAwareConfig c = NoiseAwareConfig.builder(Method.M_SVAG).learningRate(0.3).build();
        assertEquals(Method.M_SVAG, c.method());
        assertEquals(0.9, c.beta());
        assertEquals(0, c.weightDecay());
        assertTrue(c.skipNonFinite());
        assertSame(Schedules.constant(), c.schedule());
        NoiseAwareConfig d = NoiseAwareConfig.builder(Method.ADAM_STAR).learningRate(1e-3).beta(0.95).weightDecay(1e-4)
                .schedule(Schedules.multiStep(0.1, 100)).skipNonFinite(false).outlierFactor(50).build();
        NoiseAwareConfig copy = d.toBuilder().build();
        assertEquals(d.toString(), copy.toString());
        assertEquals(Method.ADAM_STAR, copy.method());
        assertEquals(0.95, copy.beta());
        assertEquals(50, copy.outlierFactor());
        assertEquals(0.5, d.toBuilder().beta(0.5).build().beta());
        assertTrue(d.toString().startsWith("NoiseAwareConfig{method=Adam*, learningRate=0.001"), d.toString());
    }

    @Test
    void methodsByKeyAndName() {
        for (Method m : Method.values()) {
            assertSame(m, Method.of(m.key()));
            assertSame(m, Method.of(m.displayName()));
            assertSame(m, Method.of(m.name()));
        }
        assertEquals("m-svag", Method.M_SVAG.key());
        assertEquals(2, Method.M_SVAG.slotsPerParameter());
        assertEquals(1, Method.M_SSD.slotsPerParameter());
        assertEquals(0, Method.SSD.slotsPerParameter());
        assertEquals(2, Method.M_SVAG_MB.slotsPerParameter());
        assertTrue(Method.M_SVAG_MB.needsGradientVariances() && !Method.M_SVAG.needsGradientVariances());
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class, () -> Method.of("cabs"));
        assertEquals("method", e.parameter());
        assertTrue(e.getMessage().contains("m-svag-mb"), e.getMessage());
    }

    /** θ ← θ·(1 − lr_t·wd) would flip signs for the methods that step along g or m; sign steps have no such bound. */
    @Test
    void theWeightDecayBoundHoldsWhereTheStepScalesWithTheGradient() {
        for (Method method : Method.values()) {
            NoiseAwareConfig.Builder b = NoiseAwareConfig.builder(method).learningRate(2).weightDecay(0.6);
            if (method.signBased()) {
                assertEquals(0.6, b.build().weightDecay(), method.toString());
            } else {
                assertEquals("weightDecay", assertThrows(InvalidHyperparameterException.class, b::build,
                        method.toString()).parameter());
            }
        }
    }
}
