package org.arturo.training.etr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.arturo.tf.InvalidHyperparameterException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SteihaugCgTest {
    /** A random symmetric matrix with eigenvalues spread over [0.5, 5] (or with some negative ones). */
    private static double[][] symmetric(int d, boolean indefinite, Random r) {
        double[][] b = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                b[i][j] = r.nextGaussian();
            }
        }
        double[][] h = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    h[i][j] += b[i][k] * b[j][k] / d;
                }
            }
            h[i][i] += indefinite && i % 3 == 0 ? -3 : 0.5;
        }
        return h;
    }

    @ParameterizedTest(name = "radius {0}")
    @ValueSource(doubles = {0.05, 0.5, 100})
    void theEllipsoidIsAChangeOfVariables(double radius) {
        // CG preconditioned with A on (g, B) equals plain Steihaug on (A^-½ g, A^-½ B A^-½), mapped back by A^-½.
        Random r = new Random(3);
        int d = 7;
        double[][] h = symmetric(d, false, r);
        double[] g = new double[d];
        double[] a = new double[d];
        for (int i = 0; i < d; i++) {
            g[i] = r.nextGaussian();
            a[i] = Math.exp(r.nextGaussian());
        }
        SteihaugCg.Result preconditioned = SteihaugCg.solve(g, v -> EtrGoldenReplayTest.times(h, v), a, radius, 1e-10, 0.5, 100);
        double[][] scaled = new double[d][d];
        double[] gScaled = new double[d];
        double[] ones = new double[d];
        for (int i = 0; i < d; i++) {
            gScaled[i] = g[i] / Math.sqrt(a[i]);
            ones[i] = 1;
            for (int j = 0; j < d; j++) {
                scaled[i][j] = h[i][j] / Math.sqrt(a[i] * a[j]);
            }
        }
        SteihaugCg.Result spherical = SteihaugCg.solve(gScaled, v -> EtrGoldenReplayTest.times(scaled, v), ones, radius, 1e-10, 0.5, 100);
        assertEquals(spherical.reason(), preconditioned.reason());
        for (int i = 0; i < d; i++) {
            assertEquals(spherical.step()[i] / Math.sqrt(a[i]), preconditioned.step()[i], 1e-9);
        }
        assertEquals(spherical.predictedDecrease(), preconditioned.predictedDecrease(), 1e-9);
        if (preconditioned.reason() == SteihaugCg.Reason.BOUNDARY) {
            assertEquals(radius, preconditioned.aNorm(a), 1e-12 * radius, "a boundary step ends on the boundary");
        }
    }

    @Test
    void negativeCurvatureGoesToTheBoundaryAndDecreasesTheModel() {
        Random r = new Random(4);
        int d = 6;
        double[][] h = symmetric(d, true, r);
        double[] g = new double[d];
        double[] a = new double[d];
        for (int i = 0; i < d; i++) {
            g[i] = r.nextGaussian();
            a[i] = 1 + i;
        }
        SteihaugCg.Result result = SteihaugCg.solve(g, v -> EtrGoldenReplayTest.times(h, v), a, 2.0, 0.1, 0.5, 50);
        assertTrue(result.reason() == SteihaugCg.Reason.NEGATIVE_CURVATURE || result.reason() == SteihaugCg.Reason.BOUNDARY,
                result.reason().toString());
        assertEquals(2.0, result.aNorm(a), 1e-12);
        // pred = −(gᵀs + ½ sᵀBs), accumulated without another product.
        double[] s = result.step();
        double[] hs = EtrGoldenReplayTest.times(h, s);
        double model = 0;
        for (int i = 0; i < d; i++) {
            model += g[i] * s[i] + 0.5 * s[i] * hs[i];
        }
        assertEquals(-model, result.predictedDecrease(), 1e-10);
        assertTrue(result.predictedDecrease() > 0);
    }

    @Test
    void theRadiusGrowsShrinksOrStays() {
        TrustRegionConfig c = TrustRegionConfig.builder(Ellipsoid.RMS).build();
        assertEquals(1.75, c.gamma2());
        assertEquals(1.5, TrustRegionConfig.builder(Ellipsoid.ADAGRAD).build().gamma2());
        RadiusControl.Decision very = RadiusControl.decide(c, 1.0, 0.9, 0.1, 2.0);      // ρ = 1
        assertEquals(RadiusControl.Quality.VERY_SUCCESSFUL, very.quality());
        assertEquals(2.2, very.nextRadius(), 1e-12);
        assertEquals(10, RadiusControl.decide(c, 1.0, 0.9, 0.1, 9.5).nextRadius(), 0, "capped at Δmax");
        RadiusControl.Decision ok = RadiusControl.decide(c, 1.0, 0.95, 0.1, 2.0);       // ρ = 0.5
        assertEquals(RadiusControl.Quality.SUCCESSFUL, ok.quality());
        assertEquals(2.0, ok.nextRadius());
        RadiusControl.Decision bad = RadiusControl.decide(c, 1.0, 1.1, 0.1, 2.0);       // ρ = −1
        assertEquals(RadiusControl.Quality.UNSUCCESSFUL, bad.quality());
        assertEquals(2.0 / 1.75, bad.nextRadius(), 1e-15);
        assertEquals(RadiusControl.Quality.UNSUCCESSFUL, RadiusControl.decide(c, 1.0, Double.NaN, 0.1, 2.0).quality(),
                "a non-finite trial loss is a rejected step");
        assertEquals(1, RadiusControl.decide(c, 1.0, 1.0, 1e-16, 2.0).rho(), "|pred| < 1e-15: ρ = 1");
    }

    @Test
    void badValuesNameTheParameter() {
        assertEquals("radius0", assertThrows(InvalidHyperparameterException.class,
                () -> TrustRegionConfig.builder(Ellipsoid.RMS).radius0(0)).parameter());
        assertEquals("gamma2", assertThrows(InvalidHyperparameterException.class,
                () -> TrustRegionConfig.builder(Ellipsoid.RMS).gamma2(1)).parameter());
        assertEquals("beta", assertThrows(InvalidHyperparameterException.class,
                () -> TrustRegionConfig.builder(Ellipsoid.UNIFORM).beta(0.9)).parameter());
        assertEquals("eta2", assertThrows(InvalidHyperparameterException.class,
                () -> TrustRegionConfig.builder(Ellipsoid.RMS).eta1(0.5).eta2(0.4).build()).parameter());
        assertEquals("radius0", assertThrows(InvalidHyperparameterException.class,
                () -> TrustRegionConfig.builder(Ellipsoid.RMS).radius0(20).build()).parameter());
    }
}
