package org.arturo.training.cabs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.arturo.tf.GraphOptimizer;
import org.arturo.tf.baselines.SgdConfig;
import org.arturo.tf.baselines.SgdOptimizer;
import org.arturo.training.SeededOrder;
import org.arturo.training.graph.Batch;
import org.arturo.training.graph.BatchStatistics;
import org.arturo.training.graph.GradientEvaluator;
import org.arturo.training.graph.HostGradientStep;
import org.arturo.training.graph.MicroBatchVariance;
import org.arturo.training.graph.ModelGraph;
import org.arturo.training.loop.StepReport;
import java.util.List;
import org.arturo.tf.ConfiguredOptimizer;
import org.arturo.training.loop.LoopState;
import org.arturo.training.loop.ResumableMethod;
import org.tensorflow.op.core.Variable;

/**
 * Training with CABS's batch size (thesis ch. 4, Alg. 1; docs/training.md): each step draws the batch
 * size the rule chose, in a seeded order; computes the batch's loss, gradient and per-example variance
 * from micro-batches; applies the optimizer to the gradient; and feeds the loss and ξ to the rule, which
 * sets the next step's size.
 *
 * <p>With {@link #sgd} the optimizer is plain SGD at the rule's α, the method of the thesis. Any other
 * optimizer of the library can be driven the same way ({@link #CabsTraining(ModelGraph, GraphOptimizer,
 * CabsConfig, Batch, long, int)}): the rule's α is then the coupling constant of m = α·tr(Σ)/f, which the
 * caller chooses (docs/training.md, "CABS with other optimizers").
 */
public final class CabsTraining implements ResumableMethod {
    /** Telemetry names of {@link Step#values()}. */
    public static final String BATCH_SIZE = "batchSize";
    public static final String TRACE = "trace";
    public static final String NEXT_BATCH_SIZE = "nextBatchSize";
    public static final String RAW_BATCH_SIZE = "rawBatchSize";

    /**
     * What one step did. {@code rawBatchSize} is the rule's size before rounding and clipping (C2; NaN when the
     * step's statistics were not finite): it shows whether the bounds, not the rule, set the batch size.
     */
    public record Step(long step, int batchSize, double loss, double trace, double rawBatchSize, int nextBatchSize,
                       long examplesSeen)
            implements StepReport {
        /** One gradient of the whole batch per step (its micro-batches add up to one). */
        @Override
        public long backpropagations() {
            return step;
        }

        /** This step's batch size m, ξ (the trace of the gradient covariance), the rule's raw and the next step's size. */
        @Override
        public Map<String, Double> values() {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put(BATCH_SIZE, (double) batchSize);
            v.put(TRACE, trace);
            v.put(RAW_BATCH_SIZE, rawBatchSize);
            v.put(NEXT_BATCH_SIZE, (double) nextBatchSize);
            return v;
        }
    }

    private final CabsConfig config;
    private final ModelGraph model;
    private final String optimizerSettings;
    private final Batch data;
    private final CabsBatchSize rule;
    private final SeededOrder order;
    private final BatchStatistics statistics;
    private final HostGradientStep update;
    private long steps;

    /**
     * @param data         the training set, one row per example
     * @param microBatches k ≥ 2 parts per batch for the variance (at most m_min)
     */
    public CabsTraining(ModelGraph model, GraphOptimizer optimizer, CabsConfig config, Batch data, long seed,
                        int microBatches) {
        this(model, optimizer, config, data, seed, microBatchStatistics(model, config, microBatches));
    }

    /**
     * With the batch statistics of one's choice, e.g. {@link org.arturo.training.graph.WithinBatchVariance}
     * for a model of dense layers (m − 1 degrees of freedom per element instead of k − 1).
     */
    public CabsTraining(ModelGraph model, GraphOptimizer optimizer, CabsConfig config, Batch data, long seed,
                        BatchStatistics statistics) {
        this.config = Objects.requireNonNull(config, "config");
        this.model = Objects.requireNonNull(model, "model");
        this.data = Objects.requireNonNull(data, "data");
        optimizerSettings = optimizer.name() + " " + (optimizer instanceof ConfiguredOptimizer<?> c ? c.config() : optimizer);
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        if (data.size() < config.minBatchSize()) {
            throw new IllegalArgumentException("data: " + data.size() + " examples, fewer than minBatchSize = "
                    + config.minBatchSize());
        }
        rule = new CabsBatchSize(config);
        order = new SeededOrder(data.size(), seed);
        update = new HostGradientStep(model, optimizer);
    }

    private static BatchStatistics microBatchStatistics(ModelGraph model, CabsConfig config, int microBatches) {
        if (microBatches > config.minBatchSize()) {
            throw new IllegalArgumentException("microBatches = " + microBatches + " exceeds minBatchSize = "
                    + config.minBatchSize() + ": every batch must split into non-empty parts");
        }
        return new MicroBatchVariance(new GradientEvaluator(model), microBatches);
    }

    /** The thesis's method: plain SGD at the rule's α. */
    public static CabsTraining sgd(ModelGraph model, CabsConfig config, Batch data, long seed, int microBatches) {
        return new CabsTraining(model, new SgdOptimizer(SgdConfig.builder().learningRate(config.learningRate()).momentum(0)
                .build()), config, data, seed, microBatches);
    }

    @Override
    public String name() {
        return "cabs";
    }

    @Override
    public Step step() {
        int m = rule.batchSize();
        MicroBatchVariance.Statistics s = statistics.estimate(data.rows(order.next(m)));
        update.apply(s.meanGradient(), s.minibatchVariance());
        // ξ: the thesis's unbiased trace, or the code's 1/m form, (m − 1)/m of it.
        double xi = config.variant() == CabsConfig.Variant.THESIS ? s.trace() : s.trace() * (m - 1) / m;
        CabsBatchSize.Decision d = rule.update(s.loss(), xi);
        steps++;
        return new Step(steps, m, s.loss(), xi, d.rawBatchSize(), d.nextBatchSize(), order.examplesSeen());
    }

    /** Steps until at least {@code examples} training examples have been drawn; returns the last step. */
    public Step trainFor(long examples) {
        Step last = null;
        while (order.examplesSeen() < examples) {
            last = step();
        }
        return last;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public long examplesSeen() {
        return order.examplesSeen();
    }

    /** One per step: each step evaluates the gradient of its batch once (in micro-batches). */
    @Override
    public long backpropagations() {
        return steps;
    }

    @Override
    public ModelGraph model() {
        return model;
    }

    /** The optimizer's slots and counters (the SGD step of the thesis has counters only). */
    @Override
    public List<Variable<Float>> stateVariables() {
        return update.stateVariables();
    }

    @Override
    public String settings() {
        return config + " with " + optimizerSettings + ", " + statistics.getClass().getSimpleName();
    }

    @Override
    public LoopState saveState() {
        CabsBatchSize.State r = rule.state();
        SeededOrder.Position p = order.position();
        return LoopState.builder().counter("steps", steps)
                .number("varianceAverage", r.varianceAverage()).number("lossAverage", r.lossAverage())
                .counter("batchSize", r.batchSize()).counter("skippedUpdates", r.skippedUpdates())
                .counter("epoch", p.epoch()).counter("position", p.position()).counter("examplesSeen", p.examplesSeen())
                .build();
    }

    @Override
    public void restoreState(LoopState s) {
        rule.restore(new CabsBatchSize.State(s.number("varianceAverage"), s.number("lossAverage"), s.intCounter("batchSize"),
                s.counter("skippedUpdates")));
        order.restore(new SeededOrder.Position(s.intCounter("epoch"), s.intCounter("position"), s.counter("examplesSeen")));
        steps = s.counter("steps");
    }

    public CabsBatchSize rule() {
        return rule;
    }

    public SeededOrder order() {
        return order;
    }

    /** The optimizer's update on host gradients (its state variables go into checkpoints). */
    public HostGradientStep update() {
        return update;
    }
}
