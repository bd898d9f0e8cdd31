package org.arturo.tf.arturo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.arturo.tf.schedule.Schedules;

/** One golden trajectory file (format: src/test/resources/golden/FORMAT.md). */
public final class GoldenTrajectory {
    public String name;
    public String description;
    public Config config;
    public List<long[]> shapes;
    public List<double[]> initial;
    public List<Step> steps;

    public static final class Config {
        public double epsilon;
        public double rho;
        public double nu;
        public double lambda;
        public double q;
        public double r;
        public double varInit;
        public double p0;
        public double a0;
        public double weightDecay;
        public String solver;
        public double etaTol;
        public double etaMax;
    }

    public static final class Step {
        public double epsilon;
        public List<double[]> grads;
        public double eta;
        public double kl;
        public int iterations;
        public List<double[]> params;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static GoldenTrajectory read(InputStream in) throws IOException {
        return MAPPER.readValue(in, GoldenTrajectory.class);
    }

    /**
     * The configuration the vectors were made with. The per-step ε_t becomes a piecewise schedule
     * with a boundary wherever it changes, so the replay goes through the schedule machinery.
     */
    public ArturoConfig toArturoConfig() {
        List<Long> boundaries = new ArrayList<>();
        List<Double> factors = new ArrayList<>();
        factors.add(steps.get(0).epsilon / config.epsilon);
        for (int t = 1; t < steps.size(); t++) {
            if (steps.get(t).epsilon != steps.get(t - 1).epsilon) {
                boundaries.add((long) t);
                factors.add(steps.get(t).epsilon / config.epsilon);
            }
        }
        return ArturoConfig.builder()
                .epsilon(config.epsilon).rho(config.rho).nu(config.nu).lambda(config.lambda)
                .q(config.q).r(config.r).varInit(config.varInit).p0(config.p0).a0(config.a0)
                .weightDecay(config.weightDecay)
                .solver(solver())
                .schedule(Schedules.piecewise(boundaries.stream().mapToLong(Long::longValue).toArray(),
                        factors.stream().mapToDouble(Double::doubleValue).toArray()))
                .build();
    }

    /**
     * The solver the vectors were made with: the bisection takes the file's etaTol and etaMax; the
     * exact and fixed-η solvers have no use for them and keep their defaults.
     */
    private Solver solver() {
        return switch (config.solver.toUpperCase(Locale.ROOT)) {
            case "BISECTION" -> new Solver.Bisection(config.etaTol, config.etaMax, Solver.BISECTION.maxIterations());
            case "EXACT" -> Solver.EXACT;
            case "FIXED" -> Solver.FIXED;
            default -> throw new IllegalArgumentException(name + ": unknown solver '" + config.solver
                    + "', expected bisection, exact or fixed");
        };
    }
}
