package org.arturo.training.etr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.arturo.training.SeededOrder;
import org.arturo.training.graph.Batch;
import org.arturo.training.graph.FiniteDifferenceCurvature;
import org.arturo.training.graph.GradientEvaluator;
import org.arturo.training.graph.ModelGraph;
import org.arturo.training.graph.ParameterAccess;

/**
 * The stochastic ellipsoidal trust-region method on a model's graph (docs/ellipsoidal-tr.md): per
 * iteration, on one batch, the loss and gradient (one backpropagation), the ellipsoid update (E5), the
 * subproblem by Steihaug-Toint CG (E1–E4) on curvature-vector products by central differences (two
 * gradients each, eq. F1), the trial loss at w + s on the same batch, and the ratio test and radius
 * update (E6–E7). A rejected step restores the parameters bit for bit.
 *
 * <p>A batch whose loss or gradient is not finite moves nothing and shrinks the radius, like a rejected
 * step, and is counted; no NaN reaches the parameters or the ellipsoid.
 */
public final class EllipsoidalTrustRegion {
    /** What one iteration did. */
    public record Iteration(long iteration, double loss, double trialLoss, double gradientNorm, SteihaugCg.Reason reason,
                            int products, double predictedDecrease, double rho, boolean accepted, double radius,
                            double nextRadius) {
    }

    private final TrustRegionConfig config;
    private final GradientEvaluator evaluator;
    private final FiniteDifferenceCurvature curvature;
    private final ParameterAccess parameters;
    private final double[] secondMoments;
    private double radius;
    private long iterations;
    private long accepted;
    private long gradients;
    private long products;
    private long nonFinite;

    public EllipsoidalTrustRegion(ModelGraph model, TrustRegionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        evaluator = new GradientEvaluator(model);
        curvature = new FiniteDifferenceCurvature(evaluator);
        parameters = new ParameterAccess(model);
        secondMoments = new double[ParameterAccess.flatten(parameters.read()).length];
        radius = config.radius0();
    }

    public Iteration step(Batch batch) {
        iterations++;
        List<float[]> w = parameters.read();
        GradientEvaluator.Evaluation e = evaluator.evaluate(batch);
        gradients++;
        double[] g = ParameterAccess.flatten(e.gradients());
        double gradientNorm = norm(g);
        if (!Double.isFinite(e.loss()) || !Double.isFinite(gradientNorm)) {
            nonFinite++;
            double next = radius / config.gamma2();
            Iteration skipped = new Iteration(iterations, e.loss(), Double.NaN, gradientNorm, null, 0, 0, Double.NaN,
                    false, radius, next);
            radius = next;
            return skipped;
        }
        double[] a = config.ellipsoid().update(secondMoments, g, config.beta(), config.eps());
        SteihaugCg.Result r = SteihaugCg.solve(g, p -> ParameterAccess.flatten(
                curvature.product(batch, ParameterAccess.unflatten(p, w), w)), a, radius, config.kappa(), config.theta(),
                config.maxProducts());
        products += r.products();
        if (r.reason() == SteihaugCg.Reason.ZERO_GRADIENT) {
            return new Iteration(iterations, e.loss(), e.loss(), 0, r.reason(), 0, 0, Double.NaN, false, radius, radius);
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
                r.predictedDecrease(), d.rho(), d.accepted(), radius, d.nextRadius());
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

    /** Iterations whose batch gave a non-finite loss or gradient. */
    public long nonFiniteBatches() { return nonFinite; }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
