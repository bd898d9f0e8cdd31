package org.arturo.training.etr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.arturo.tf.GoldenSets;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the ellipsoidal trust-region golden sets (src/test/resources/golden-etr, from an independent
 * float64 model; format in FORMAT.md there) and every {@code *.json} in $ARTURO_ETR_GOLDEN_DIR,
 * dispatching on content: a {@code cases} array holds CG cases, an {@code iterations} array a TR loop.
 * The solver runs in double, like the reference: steps to 1e-8 relative, reason and product count
 * exactly, the model decrease to 1e-8 (cases the set marks as unstable, where conjugacy is lost: the
 * step within 1e-3). TR loops are teacher-forced (w, a and Δ from each record; the
 * record's Hessian gives the products): the ellipsoid update, the CG solve, ρ where it is not rounding
 * noise and the decision where ρ is not within 1e-3 of a threshold. A loop on a minibatch MLP runs
 * through {@link EllipsoidalTrustRegion} on the network itself ({@link MinibatchMlpReplay}).
 */
class EtrGoldenReplayTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> replaysEveryEtrSet() {
        List<Path> files = GoldenSets.files("/golden-etr", 12, "ARTURO_ETR_GOLDEN_DIR");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> replay(f)));
    }

    private static void replay(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
        String name = file.getFileName().toString();
        if (root.path("cases").isArray()) {
            if (root.path("cases").isEmpty()) {
                fail(name + ": no cases");
            }
            for (JsonNode c : root.path("cases")) {
                replayCase(name + " " + c.path("name").asText(), c);
            }
        } else if (root.path("iterations").isArray()) {
            if (root.has("X") || root.has("network")) {
                MinibatchMlpReplay.replay(name, root, config(name, root.path("config")));
            } else {
                replayLoop(name, root);
            }
        } else {
            fail(name + ": neither a 'cases' nor an 'iterations' array");
        }
    }

    private static void replayCase(String at, JsonNode c) {
        double[][] h = matrix(c.path("H"));
        double[] g = vector(c.path("g"));
        double[] a = vector(c.path("a"));
        SteihaugCg.Result r = SteihaugCg.solve(g, v -> times(h, v), a, c.path("radius").asDouble(),
                c.path("kappa").asDouble(), c.path("theta").asDouble(), c.path("maxIter").asInt());
        JsonNode e = c.path("expected");
        // Cases marked unstable lose conjugacy (a scaled condition number beyond ~1e4): any change in the
        // order of operations moves the step; the README asks for the step within 1e-3 there.
        boolean stable = c.path("fp32Stable").asBoolean(true);
        double tolerance = stable ? 1e-8 : 1e-3;
        if (stable) {
            assertEquals(e.path("reason").asText().toUpperCase(Locale.ROOT), r.reason().name(), at + ": reason");
            assertEquals(e.path("hvProducts").asInt(), r.products(), at + ": products");
        }
        close(at + " step", vector(e.path("step")), r.step(), tolerance);
        close(at + " pred", e.path("pred").asDouble(), r.predictedDecrease(), tolerance);
        close(at + " ‖s‖_A", e.path("stepANorm").asDouble(), r.aNorm(a), tolerance);
    }

    private static void replayLoop(String name, JsonNode root) {
        TrustRegionConfig config = config(name, root.path("config"));
        Ellipsoid ellipsoid = config.ellipsoid();
        double[] previousA = null;
        int replayed = 0;
        for (JsonNode it : root.path("iterations")) {
            if (it.has("stop")) {
                continue;
            }
            String at = name + " iteration " + it.path("t").asInt();
            double[] g = vector(it.path("g"));
            double[] a = vector(it.path("a"));
            // The ellipsoid from the previous record's (v = a² − ε) and this gradient.
            double[] v = new double[g.length];
            if (previousA != null) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = previousA[i] * previousA[i] - config.eps();
                }
            }
            close(at + " ellipsoid", a, ellipsoid.update(v, g, config.beta(), config.eps()), 1e-9);
            previousA = a;

            double[][] h = matrix(it.path("hessian"));
            double radius = it.path("radius").asDouble();
            SteihaugCg.Result r = SteihaugCg.solve(g, x -> times(h, x), a, radius, config.kappa(), config.theta(),
                    config.maxProducts());
            // Interior solves near convergence on the quadratics are marked unstable: the product count may
            // differ with the order of operations, and the step by up to 3e-2 (README).
            boolean stable = it.path("fp32CgStable").asBoolean(true);
            if (stable) {
                assertEquals(it.path("cgReason").asText().toUpperCase(Locale.ROOT), r.reason().name(), at + ": reason");
                assertEquals(it.path("hvProducts").asInt(), r.products(), at + ": products");
            }
            close(at + " step", vector(it.path("step")), r.step(), stable ? 1e-7 : 3e-2);
            close(at + " pred", it.path("pred").asDouble(), r.predictedDecrease(), stable ? 1e-7 : 3e-2);

            RadiusControl.Decision d = RadiusControl.decide(config, it.path("f").asDouble(), it.path("fTrial").asDouble(),
                    r.predictedDecrease(), radius);
            if (!it.path("fp32Sensitive").asBoolean(false)) {
                close(at + " rho", it.path("rho").asDouble(), d.rho(), 1e-6);
            }
            if (it.path("decisionMargin").asDouble(1) >= 1e-3) {
                assertEquals(it.path("accepted").asBoolean(), d.accepted(), at + ": accepted");
                close(at + " next radius", it.path("radiusNext").asDouble(), d.nextRadius(), 1e-12);
            }
            replayed++;
        }
        if (replayed == 0) {
            fail(name + ": no iterations");
        }
    }

    /** The file's {@code config} as a {@link TrustRegionConfig}. */
    static TrustRegionConfig config(String name, JsonNode c) {
        Ellipsoid ellipsoid = switch (c.path("ellipsoid").asText()) {
            case "uni" -> Ellipsoid.UNIFORM;
            case "rms" -> Ellipsoid.RMS;
            case "ada" -> Ellipsoid.ADAGRAD;
            default -> throw new AssertionError(name + ": ellipsoid " + c.path("ellipsoid").asText());
        };
        TrustRegionConfig.Builder b = TrustRegionConfig.builder(ellipsoid).radiusMax(c.path("radius_max").asDouble())
                .radius0(c.path("radius0").asDouble()).eta1(c.path("eta1").asDouble()).eta2(c.path("eta2").asDouble())
                .gamma1(c.path("gamma1").asDouble()).gamma2(c.path("gamma2").asDouble()).kappa(c.path("kappa").asDouble())
                .theta(c.path("theta").asDouble()).eps(c.path("eps").asDouble()).maxProducts(c.path("maxCg").asInt());
        if (ellipsoid == Ellipsoid.RMS) {
            b.beta(c.path("beta").asDouble());
        }
        return b.build();
    }

    private static void close(String what, double want, double got, double relative) {
        if (!(Math.abs(got - want) <= relative * Math.max(Math.abs(want), 1e-12))) {
            fail(String.format("%s: got %s, want %s", what, got, want));
        }
    }

    private static void close(String what, double[] want, double[] got, double relative) {
        double scale = 0;
        for (double w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(got[i] - want[i]) <= relative * Math.max(scale, 1e-300))) {
                fail(String.format("%s element %d: got %s, want %s", what, i, got[i], want[i]));
            }
        }
    }

    /** H·v for a dense matrix. */
    static double[] times(double[][] h, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += h[i][j] * v[j];
            }
        }
        return out;
    }

    private static double[][] matrix(JsonNode node) {
        List<double[]> rows = new ArrayList<>();
        node.forEach(r -> rows.add(vector(r)));
        return rows.toArray(new double[0][]);
    }

    static double[] vector(JsonNode node) {
        if (!node.isArray()) {
            fail("expected an array, got " + node);
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }
}
