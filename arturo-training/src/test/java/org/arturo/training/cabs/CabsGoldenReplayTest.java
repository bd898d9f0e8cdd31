package org.arturo.training.cabs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.arturo.tf.GoldenSets;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.baselines.SgdConfig;
import org.arturo.tf.baselines.SgdOptimizer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the CABS golden trajectories (src/test/resources/golden-cabs: the thesis form and the authors'
 * code form, from an independent float64 model; format in golden-noise's FORMAT.md) and every CABS file
 * (one with {@code config.variant}) in $ARTURO_NOISE_GOLDEN_DIR. Per step: the batch size used equals the
 * rule's previous decision exactly; ξ from the mean gradients and mean squared per-example gradients
 * ({@link CabsBatchSize#traceEstimate}) matches the file's to 1e-6 (and, in the thesis form, the sum of
 * its per-example variances to 1e-6); σ̂² and f_avg to 1e-12, the raw batch size to 5e-7 relative; the
 * next batch size exactly; the parameters after the library's SGD step (teacher-forced gradients) to
 * 1e-4 relative.
 */
class CabsGoldenReplayTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> replaysEveryCabsTrajectory() throws IOException {
        List<Path> files = new ArrayList<>(GoldenSets.shipped("/golden-cabs"));
        assertEquals(2, files.size(), "shipped CABS sets: " + files);
        for (Path external : GoldenSets.external("ARTURO_NOISE_GOLDEN_DIR", System.getenv("ARTURO_NOISE_GOLDEN_DIR"))) {
            if (MAPPER.readTree(Files.readAllBytes(external)).path("config").has("variant")) {
                files.add(external);
            }
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> replay(f)));
    }

    private static void replay(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
        JsonNode c = root.path("config");
        String name = file.getFileName().toString();
        CabsConfig config = CabsConfig.builder()
                .learningRate(c.path("learningRate").asDouble())
                .minBatchSize(c.path("mMin").asInt())
                .maxBatchSize(c.path("mMax").asInt())
                .mu(c.path("mu").asDouble())
                .eps(c.path("eps").asDouble())
                .c(c.path("c").asDouble())
                .variant(CabsConfig.Variant.valueOf(c.path("variant").asText().toUpperCase(java.util.Locale.ROOT)))
                .build();
        assertEquals(c.path("initialBatchSize").asInt(), new CabsBatchSize(config).batchSize(), name + ": first batch size");

        List<long[]> shapes = new ArrayList<>();
        root.path("shapes").forEach(s -> {
            long[] shape = new long[s.size()];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = s.get(k).asLong();
            }
            shapes.add(shape);
        });
        CabsBatchSize rule = new CabsBatchSize(config);
        try (GraphHarness h = new GraphHarness(shapes, tensors(root.path("initial")))) {
            h.build(new SgdOptimizer(SgdConfig.builder().learningRate(config.learningRate()).momentum(0).build()));
            JsonNode steps = root.path("steps");
            for (int t = 0; t < steps.size(); t++) {
                JsonNode s = steps.get(t);
                String at = name + " step " + t;
                int m = s.path("batchSize").asInt();
                assertEquals(m, rule.batchSize(), at + ": batch size");

                List<double[]> grads = tensors(s.path("grads"));
                List<double[]> second = tensors(s.path("gradSecondMoment"));
                double xi = 0;
                for (int i = 0; i < grads.size(); i++) {
                    xi += CabsBatchSize.traceEstimate(config.variant(), m, grads.get(i), second.get(i));
                }
                close(at + " xi", s.path("xi").asDouble(), xi, 1e-6);   // the files' gradients are float32-rounded
                if (config.variant() == CabsConfig.Variant.THESIS) {
                    double variances = tensors(s.path("gradVariance")).stream().flatMapToDouble(java.util.Arrays::stream).sum();
                    close(at + " xi against the per-example variances", variances, xi, 1e-6);
                }

                CabsBatchSize.Decision d = rule.update(s.path("loss").asDouble(), s.path("xi").asDouble());
                close(at + " sigma2Avg", s.path("sigma2Avg").asDouble(), d.varianceAverage(), 1e-12);
                close(at + " lossAvg", s.path("lossAvg").asDouble(), d.lossAverage(), 1e-12);
                close(at + " rawBatchSize", s.path("rawBatchSize").asDouble(), d.rawBatchSize(), 5e-7);
                assertEquals(s.path("nextBatchSize").asInt(), d.nextBatchSize(), at + ": next batch size");

                h.step(grads);
                List<double[]> want = tensors(s.path("params"));
                List<float[]> got = h.parameters();
                for (int i = 0; i < want.size(); i++) {
                    for (int j = 0; j < want.get(i).length; j++) {
                        double w = want.get(i)[j];
                        if (!(Math.abs(got.get(i)[j] - w) / (Math.abs(w) + 1e-3) <= 1e-4)) {
                            fail(String.format("%s tensor %d element %d: %s, want %s", at, i, j, got.get(i)[j], w));
                        }
                    }
                }
            }
        }
    }

    private static void close(String what, double want, double got, double relative) {
        if (!(Math.abs(got - want) <= relative * Math.abs(want))) {
            fail(String.format("%s: got %s, want %s", what, got, want));
        }
    }

    private static List<double[]> tensors(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            fail("a list of tensors is missing");
        }
        List<double[]> out = new ArrayList<>();
        node.forEach(t -> {
            double[] v = new double[t.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = t.get(j).asDouble();
            }
            out.add(v);
        });
        return out;
    }
}
