package org.arturo.training.etr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.arturo.training.SeededOrder;
import org.arturo.training.graph.Batch;
import org.arturo.training.graph.FiniteDifferenceCurvature;
import org.arturo.training.graph.GradientEvaluator;
import org.arturo.training.graph.HostOutlierGuard;
import org.arturo.training.graph.ModelGraph;
import org.arturo.training.graph.ParameterAccess;

/**
 * The stochastic ellipsoidal trust-region method on a model's graph (docs/ellipsoidal-tr.md): per
 * iteration, on one batch, the loss and gradient (one backpropagation), the ellipsoid update (E5), the
 * subproblem by Steihaug-Toint CG (E1–E4) on curvature-vector products by central differences (two
 * gradients each, eq. F1), the trial loss at w + s on the same batch, and the ratio test and radius
 * update (E6–E7). A rejected step restores the parameters bit for bit.
 *
 * <p>The shared guard (docs/algorithm.md, "Write-back" and "Outlier guard") judges each batch before
 * anything moves: a batch whose loss or gradient is not finite, or whose largest gradient element is an
 * outlier ({@link HostOutlierGuard}), is skipped: parameters, ellipsoid and radius stay as they were and
 * the skip is counted ({@link #nonFiniteBatches()}, {@link #outlierBatches()}). A rejected step is not a
 * skip: it is the method's own answer to a poor model (Δ shrinks), and a non-finite trial loss is one.
 */
public final class EllipsoidalTrustRegion {
    /** What the guard made of an iteration's batch. */
    public enum Verdict {
        /** The batch was used: the step was solved and accepted or rejected. */
        USED,
        /** The batch's loss or gradient was not finite: skipped. */
        NON_FINITE,
        /** The batch's gradient was an outlier: skipped. */
        OUTLIER
    }

    /** What one iteration did; a skipped batch has {@code reason} null, no products and ρ NaN. */
    public record Iteration(long iteration, double loss, double trialLoss, double gradientNorm, SteihaugCg.Reason reason,
                            int products, double predictedDecrease, double rho, boolean accepted, double radius,
                            double nextRadius, Verdict verdict) {
    }

    private final TrustRegionConfig config;
    private final GradientEvaluator evaluator;
    private final FiniteDifferenceCurvature curvature;
    private final ParameterAccess parameters;
    private final double[] secondMoments;
    private final HostOutlierGuard guard;
    private double radius;
    private long iterations;
    private long accepted;
    private long gradients;
    private long products;
    private long nonFinite;
    private long outliers;

    /** Everything that carries over from one iteration to the next, for checkpoints. */
    public record State(double radius, long iterations, long accepted, long gradients, long products, long nonFinite,
                        long outliers, double guardLogScale, long guardObserved, double[] secondMoments) {
    }

    public EllipsoidalTrustRegion(ModelGraph model, TrustRegionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        evaluator = new GradientEvaluator(model);
        curvature = new FiniteDifferenceCurvature(evaluator);
        parameters = new ParameterAccess(model);
        secondMoments = new double[ParameterAccess.flatten(parameters.read()).length];
        guard = new HostOutlierGuard(config.outlierFactor());
        radius = config.radius0();
    }

    public Iteration step(Batch batch) {
        iterations++;
        List<float[]> w = parameters.read();
        GradientEvaluator.Evaluation e = evaluator.evaluate(batch);
        gradients++;
        double[] g = ParameterAccess.flatten(e.gradients());
        double gradientNorm = norm(g);
        Verdict verdict = !Double.isFinite(e.loss()) || !Double.isFinite(gradientNorm) ? Verdict.NON_FINITE
                : guard.outlier(maxAbs(g)) ? Verdict.OUTLIER : Verdict.USED;
        if (verdict != Verdict.USED) {
            if (verdict == Verdict.NON_FINITE) {
                nonFinite++;
            } else {
                outliers++;
            }
            return new Iteration(iterations, e.loss(), Double.NaN, gradientNorm, null, 0, 0, Double.NaN, false, radius,
                    radius, verdict);
        }
        double[] a = config.ellipsoid().update(secondMoments, g, config.beta(), config.eps());
        SteihaugCg.Result r = SteihaugCg.solve(g, p -> ParameterAccess.flatten(
                curvature.product(batch, ParameterAccess.unflatten(p, w), w)), a, radius, config.kappa(), config.theta(),
                config.maxProducts());
        products += r.products();
        if (r.reason() == SteihaugCg.Reason.ZERO_GRADIENT) {
            return new Iteration(iterations, e.loss(), e.loss(), 0, r.reason(), 0, 0, Double.NaN, false, radius, radius,
                    Verdict.USED);
        }
        double[] trial = ParameterAccess.flatten(w);
        for (int i = 0; i < trial.length; i++) {
            trial[i] += r.step()[i];
        }
        parameters.write(ParameterAccess.unflatten(trial, w));
        double trialLoss = evaluator.loss(batch);
        RadiusControl.Decision d = RadiusControl.decide(config, e.loss(), trialLoss, r.predictedDecrease(), radius);
        if (d.accepted()) {
            accepted++;
        } else {
            parameters.write(w);
        }
        Iteration it = new Iteration(iterations, e.loss(), trialLoss, gradientNorm, r.reason(), r.products(),
                r.predictedDecrease(), d.rho(), d.accepted(), radius, d.nextRadius(), Verdict.USED);
        radius = d.nextRadius();
        return it;
    }

    /**
     * Iterations on batches of {@code batchSize} drawn in {@code order} from {@code data} until
     * {@code backpropagations} are spent (one per gradient, two per curvature product); returns the
     * iterations.
     */
    public List<Iteration> trainFor(long backpropagations, Batch data, SeededOrder order,
                                               int batchSize) {
        if (backpropagations < 1 || batchSize < 1) {
            throw new IllegalArgumentException("backpropagations and batchSize must be at least 1, were "
                    + backpropagations + " and " + batchSize);
        }
        List<Iteration> out = new ArrayList<>();
        while (backpropagations() < backpropagations) {
            out.add(step(data.rows(order.next(batchSize))));
        }
        return out;
    }

    public State state() {
        return new State(radius, iterations, accepted, gradients, products, nonFinite, outliers, guard.logScale(),
                guard.observed(), secondMoments.clone());
    }

    /** Continues from {@code s}, which must come from a run of this model (same number of parameters). */
    public void restore(State s) {
        if (s.secondMoments().length != secondMoments.length) {
            throw new IllegalArgumentException("state: " + s.secondMoments().length + " second moments, the model has "
                    + secondMoments.length + " parameters");
        }
        radius = s.radius();
        iterations = s.iterations();
        accepted = s.accepted();
        gradients = s.gradients();
        products = s.products();
        nonFinite = s.nonFinite();
        outliers = s.outliers();
        guard.restore(s.guardLogScale(), s.guardObserved());
        System.arraycopy(s.secondMoments(), 0, secondMoments, 0, secondMoments.length);
    }

    /** Backpropagations spent: one per gradient evaluation, two per finite-difference product. */
    public long backpropagations() {
        return gradients + 2 * products;
    }

    /** Δ for the next iteration. */
    public double radius() { return radius; }

    public long iterations() { return iterations; }

    public long acceptedSteps() { return accepted; }

    /** Gradient evaluations (one per iteration), apart from the products' own. */
    public long gradientEvaluations() { return gradients; }

    /** Curvature-vector products; each costs two gradient evaluations here (central differences). */
    public long curvatureProducts() { return products; }

    /** Iterations whose batch gave a non-finite loss or gradient (skipped). */
    public long nonFiniteBatches() { return nonFinite; }

    /** Iterations whose batch's gradient was an outlier (skipped). */
    public long outlierBatches() { return outliers; }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
