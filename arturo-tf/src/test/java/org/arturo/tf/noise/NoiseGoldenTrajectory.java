package org.arturo.tf.noise;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.arturo.tf.GradientStreams;
import org.arturo.tf.schedule.Schedule;
import org.arturo.tf.schedule.Schedules;

/**
 * One optimizer trajectory of the noise-aware golden sets (src/test/resources/golden-noise/FORMAT.md),
 * and the dispatch on a file's content that decides whether this project replays it.
 */
final class NoiseGoldenTrajectory {
    /** The {@code config.method} values replayed: the SGD baseline and the six noise-aware methods. */
    static final Set<String> REPLAYED = Set.of("sgd", "ssd", "m-sgd", "m-ssd", "svag", "m-svag", "adam-star", "m-svag-mb");

    public String name;
    public Config config;
    public List<long[]> shapes;
    public List<double[]> initial;
    public List<Step> steps;

    public static final class Config {
        public String method;
        public double learningRate;
        public double beta;
        public long[] lrMilestones = new long[0];
        public double lrDecay = 1;
    }

    public static final class Step {
        public double learningRate;
        public List<double[]> grads;
        /** The within-batch variance of each gradient element (input; m-svag-mb only). */
        public List<double[]> gradVariances;
        public List<double[]> params;
        /** γ_t per element (SVAG, M-SVAG; Adam*: √γ^m); null for the other methods. */
        public List<double[]> factor;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What a file holds, from its content (golden-noise README: "dispatch on the file's content"). */
    record Content(JsonNode root, String method, String notCovered) {
        boolean replayed() {
            return notCovered == null;
        }
    }

    /** The noise-estimate proposal for arTuRO: by its method, its name or its fields (golden-noise README). */
    static boolean isNoiseEstimate(JsonNode root) {
        JsonNode config = root.path("config");
        return "noise-estimate".equals(config.path("method").asText(null))
                || root.path("name").asText("").startsWith("proposal-noise-estimate")
                || config.has("rPrior") || config.has("nu0");
    }

    /** Reads {@code file}; an unreadable file or one that is not a JSON object throws. */
    static Content inspect(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
        if (root == null || !root.isObject()) {
            throw new IOException(file + " is not a JSON object");
        }
        JsonNode config = root.path("config");
        String method = config.path("method").isTextual() ? config.path("method").asText() : null;
        if (config.has("variant") || "cabs".equals(method)) {
            return new Content(root, method, "CABS (variant " + config.path("variant").asText("?")
                    + "): an adaptive batch size, replayed by arturo-training's CabsGoldenReplayTest");
        }
        if (isNoiseEstimate(root)) {
            return new Content(root, "noise-estimate", null);
        }
        if (method == null) {
            return new Content(root, null, "no config.method, config.variant or noise-estimate fields");
        }
        if (!REPLAYED.contains(method)) {
            return new Content(root, method, "method '" + method + "' is not one of " + REPLAYED);
        }
        return new Content(root, method, null);
    }

    /** The trajectory of a replayed file, checked for the fields and sizes a replay needs. */
    static NoiseGoldenTrajectory of(Content content) throws IOException {
        NoiseGoldenTrajectory g = MAPPER.treeToValue(content.root(), NoiseGoldenTrajectory.class);
        String what = (g.name == null ? "file" : g.name) + " (method " + content.method() + ")";
        require(g.config != null && g.shapes != null && g.initial != null && g.steps != null && !g.steps.isEmpty(),
                what + ": config, shapes, initial and a non-empty steps are required");
        require(g.initial.size() == g.shapes.size(), what + ": " + g.shapes.size() + " shapes, "
                + g.initial.size() + " initial tensors");
        for (int i = 0; i < g.shapes.size(); i++) {
            require(g.initial.get(i).length == GradientStreams.size(g.shapes.get(i)), what + ": initial tensor " + i
                    + " has " + g.initial.get(i).length + " values for shape " + java.util.Arrays.toString(g.shapes.get(i)));
        }
        for (int t = 0; t < g.steps.size(); t++) {
            Step s = g.steps.get(t);
            require(s.grads != null && s.params != null, what + ": step " + t + " lacks grads or params");
            sameShapes(what + ": step " + t + " grads", g, s.grads);
            sameShapes(what + ": step " + t + " params", g, s.params);
            if ("m-svag-mb".equals(content.method())) {
                require(s.gradVariances != null, what + ": step " + t + " lacks gradVariances");
                sameShapes(what + ": step " + t + " gradVariances", g, s.gradVariances);
            }
            if (s.factor != null) {
                sameShapes(what + ": step " + t + " factor", g, s.factor);
            }
        }
        return g;
    }

    /** α_t = learningRate · lrDecay^(milestones reached), as the files' {@code lrMilestones} say. */
    Schedule schedule() {
        return config.lrMilestones.length == 0 ? Schedules.constant()
                : Schedules.multiStep(config.lrDecay, config.lrMilestones);
    }

    private static void sameShapes(String what, NoiseGoldenTrajectory g, List<double[]> tensors) throws IOException {
        require(tensors.size() == g.shapes.size(), what + ": " + tensors.size() + " tensors for " + g.shapes.size() + " shapes");
        for (int i = 0; i < tensors.size(); i++) {
            require(tensors.get(i).length == GradientStreams.size(g.shapes.get(i)), what + ": tensor " + i + " has "
                    + tensors.get(i).length + " values");
        }
    }

    private static void require(boolean condition, String message) throws IOException {
        if (!condition) {
            throw new IOException(message);
        }
    }
}
