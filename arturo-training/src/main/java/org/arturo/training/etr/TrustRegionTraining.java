package org.arturo.training.etr;

import java.util.LinkedHashMap;
import java.util.Map;
import org.arturo.tf.Check;
import org.arturo.training.SeededOrder;
import org.arturo.training.graph.Batch;
import org.arturo.training.graph.ModelGraph;
import org.arturo.training.loop.StepReport;
import java.util.List;
import org.arturo.training.loop.LoopState;
import org.arturo.training.loop.ResumableMethod;
import org.tensorflow.op.core.Variable;

/**
 * The ellipsoidal trust region as a {@link ResumableMethod}: each step draws a batch of fixed size from
 * the data in a seeded order and runs one {@link EllipsoidalTrustRegion} iteration on it.
 */
public final class TrustRegionTraining implements ResumableMethod {
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

    private final EllipsoidalTrustRegion method;
    private final ModelGraph model;
    private final TrustRegionConfig config;
    private final Batch data;
    private final SeededOrder order;
    private final int batchSize;

    /** @param batchSize examples per iteration, in [1, data size] */
    public TrustRegionTraining(ModelGraph model, TrustRegionConfig config, Batch data, int batchSize, long seed) {
        this.data = Check.notNull("data", data);
        this.batchSize = (int) Check.inRange("batchSize", batchSize, 1, data.size());
        this.model = Check.notNull("model", model);
        this.config = Check.notNull("config", config);
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

    @Override
    public ModelGraph model() {
        return model;
    }

    /** None: the second moments and the radius live on the host ({@link #saveState()}). */
    @Override
    public List<Variable<Float>> stateVariables() {
        return List.of();
    }

    @Override
    public String settings() {
        return config + ", batchSize=" + batchSize;
    }

    @Override
    public LoopState saveState() {
        EllipsoidalTrustRegion.State m = method.state();
        SeededOrder.Position p = order.position();
        return LoopState.builder().number("radius", m.radius()).counter("iterations", m.iterations())
                .counter("accepted", m.accepted()).counter("gradients", m.gradients()).counter("products", m.products())
                .counter("nonFinite", m.nonFinite()).counter("outliers", m.outliers())
                .number("guardLogScale", m.guardLogScale()).counter("guardObserved", m.guardObserved())
                .array("secondMoments", m.secondMoments())
                .counter("epoch", p.epoch()).counter("position", p.position()).counter("examplesSeen", p.examplesSeen())
                .build();
    }

    @Override
    public void restoreState(LoopState s) {
        method.restore(new EllipsoidalTrustRegion.State(s.number("radius"), s.counter("iterations"), s.counter("accepted"),
                s.counter("gradients"), s.counter("products"), s.counter("nonFinite"), s.counter("outliers"),
                s.number("guardLogScale"), s.counter("guardObserved"), s.array("secondMoments")));
        order.restore(new SeededOrder.Position(s.intCounter("epoch"), s.intCounter("position"), s.counter("examplesSeen")));
    }

    public EllipsoidalTrustRegion method() {
        return method;
    }

    public SeededOrder order() {
        return order;
    }
}
