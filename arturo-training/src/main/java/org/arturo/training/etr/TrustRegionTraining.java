package org.arturo.training.etr;

import java.util.LinkedHashMap;
import java.util.Map;
import org.arturo.tf.Check;
import org.arturo.training.SeededOrder;
import org.arturo.training.graph.Batch;
import org.arturo.training.graph.ModelGraph;
import org.arturo.training.loop.StepReport;
import org.arturo.training.loop.TrainingMethod;

/**
 * The ellipsoidal trust region as a {@link TrainingMethod}: each step draws a batch of fixed size from
 * the data in a seeded order and runs one {@link EllipsoidalTrustRegion} iteration on it.
 */
public final class TrustRegionTraining implements TrainingMethod {
    /** Telemetry names of {@link Step#values()}. */
    public static final String RADIUS = "radius";
    public static final String RHO = "rho";
    public static final String PRODUCTS = "products";
    public static final String ACCEPTED = "accepted";
    public static final String SKIPPED = "skipped";

    /** One iteration with the loop's counters. */
    public record Step(EllipsoidalTrustRegion.Iteration iteration, long examplesSeen, long backpropagations)
            implements StepReport {
        @Override
        public long step() {
            return iteration.iteration();
        }

        @Override
        public double loss() {
            return iteration.loss();
        }

        /** Δ for the next iteration, ρ, CG products, 1 if accepted, 1 if the guard skipped the batch. */
        @Override
        public Map<String, Double> values() {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put(RADIUS, iteration.nextRadius());
            v.put(RHO, iteration.rho());
            v.put(PRODUCTS, (double) iteration.products());
            v.put(ACCEPTED, iteration.accepted() ? 1.0 : 0.0);
            v.put(SKIPPED, iteration.verdict() == EllipsoidalTrustRegion.Verdict.USED ? 0.0 : 1.0);
            return v;
        }
    }

    /** What carries over between iterations beside the parameters, for checkpoints. */
    public record State(EllipsoidalTrustRegion.State method, SeededOrder.Position order) {
    }

    private final EllipsoidalTrustRegion method;
    private final Batch data;
    private final SeededOrder order;
    private final int batchSize;

    /** @param batchSize examples per iteration, in [1, data size] */
    public TrustRegionTraining(ModelGraph model, TrustRegionConfig config, Batch data, int batchSize, long seed) {
        this.data = Check.notNull("data", data);
        this.batchSize = (int) Check.inRange("batchSize", batchSize, 1, data.size());
        method = new EllipsoidalTrustRegion(model, config);
        order = new SeededOrder(data.size(), seed);
    }

    @Override
    public String name() {
        return "ellipsoidal-tr";
    }

    @Override
    public Step step() {
        EllipsoidalTrustRegion.Iteration it = method.step(data.rows(order.next(batchSize)));
        return new Step(it, order.examplesSeen(), method.backpropagations());
    }

    @Override
    public long steps() {
        return method.iterations();
    }

    @Override
    public long examplesSeen() {
        return order.examplesSeen();
    }

    @Override
    public long backpropagations() {
        return method.backpropagations();
    }

    public State state() {
        return new State(method.state(), order.position());
    }

    /** Continues from {@code s}; the parameters are restored apart. */
    public void restore(State s) {
        method.restore(s.method());
        order.restore(s.order());
    }

    public EllipsoidalTrustRegion method() {
        return method;
    }

    public SeededOrder order() {
        return order;
    }
}
