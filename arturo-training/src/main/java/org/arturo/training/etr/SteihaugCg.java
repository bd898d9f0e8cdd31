package org.arturo.training.etr;

import java.util.function.UnaryOperator;

/**
 * The trust-region subproblem min m(s) = gᵀs + ½ sᵀBs subject to ‖s‖_A ≤ Δ, A = diag(a), by
 * Steihaug-Toint CG preconditioned with A (docs/ellipsoidal-tr.md, eq. E1–E4; the paper's App. B.2):
 * with u = A^(1/2)s the problem is spherical in u, and CG on it is exactly CG on the original problem
 * preconditioned with A, so the ellipsoid costs one division per product.
 * <pre>
 *   tol = ‖g‖·min(κ, ‖g‖^θ)                                            (E1, the paper's eq. 36)
 *   s = 0, r = g, y = r/a, p = −y
 *   each product q = Bp:  pᵀq ≤ 0 → s + τp on the boundary (negative curvature)
 *                         α = rᵀy/pᵀq;  ‖s + αp‖_A ≥ Δ → s + τp (boundary)
 *                         s += αp, r += αq;  ‖r‖ ≤ tol → converged     (E2)
 *                         y = r/a, β = rᵀy/(rᵀy)_old, p = −y + βp
 *   τ > 0 solves ‖s + τp‖_A = Δ: c = ‖s‖²_A − Δ² ≤ 0, τ = −c/(sAp + √(sAp² − pAp·c)) if sAp &gt; 0,
 *   else (√(sAp² − pAp·c) − sAp)/pAp                                     (E3, cancellation-free)
 *   pred = −(gᵀs + ½ sᵀBs), accumulated from the CG quantities without another product  (E4)
 * </pre>
 * The stopping test is on the unpreconditioned residual g + Bs in the Euclidean norm. Zero curvature
 * counts as negative. Arithmetic in double: the vectors are the parameters, the products come from the
 * caller (exact, or finite differences of float32 gradients).
 */
public final class SteihaugCg {
    /** Why the solve ended. */
    public enum Reason { CONVERGED, BOUNDARY, NEGATIVE_CURVATURE, MAX_ITER, ZERO_GRADIENT }

    /** The step, why the solve ended, the curvature-vector products it used and the model decrease −m(s) ≥ 0. */
    public record Result(double[] step, Reason reason, int products, double predictedDecrease) {
        /** ‖s‖_A. */
        public double aNorm(double[] a) {
            double sum = 0;
            for (int i = 0; i < step.length; i++) {
                sum += a[i] * step[i] * step[i];
            }
            return Math.sqrt(sum);
        }
    }

    private SteihaugCg() {
    }

    /**
     * @param g           the gradient
     * @param curvature   v ↦ B·v (one call is one product)
     * @param a           the ellipsoid's diagonal, all &gt; 0
     * @param radius      Δ &gt; 0
     * @param kappa       κ in the stopping rule (E1)
     * @param theta       θ ≥ 0 in the stopping rule (E1)
     * @param maxProducts K ≥ 1
     */
    public static Result solve(double[] g, UnaryOperator<double[]> curvature, double[] a, double radius, double kappa,
                               double theta, int maxProducts) {
        int d = g.length;
        double gNorm = Math.sqrt(dot(g, g));
        if (gNorm == 0) {
            return new Result(new double[d], Reason.ZERO_GRADIENT, 0, 0);
        }
        double tol = gNorm * Math.min(kappa, Math.pow(gNorm, theta));
        double[] s = new double[d];
        double[] r = g.clone();
        double[] p = new double[d];
        double ry = 0;
        for (int i = 0; i < d; i++) {
            double y = r[i] / a[i];
            p[i] = -y;
            ry += r[i] * y;
        }
        double model = 0;   // m(s), accumulated (E4)
        for (int k = 0; k < maxProducts; k++) {
            double[] q = curvature.apply(p);
            double curv = dot(p, q);
            if (curv <= 0) {
                double tau = toBoundary(s, p, a, radius);
                return boundaryResult(s, p, tau, ry, curv, model, Reason.NEGATIVE_CURVATURE, k + 1);
            }
            double alpha = ry / curv;
            if (aNormSquared(s, p, alpha, a) >= radius * radius) {
                double tau = toBoundary(s, p, a, radius);
                return boundaryResult(s, p, tau, ry, curv, model, Reason.BOUNDARY, k + 1);
            }
            for (int i = 0; i < d; i++) {
                s[i] += alpha * p[i];
                r[i] += alpha * q[i];
            }
            model -= 0.5 * alpha * ry;
            if (Math.sqrt(dot(r, r)) <= tol) {
                return new Result(s, Reason.CONVERGED, k + 1, Math.max(0, -model));
            }
            double ryNew = 0;
            for (int i = 0; i < d; i++) {
                ryNew += r[i] * r[i] / a[i];
            }
            double beta = ryNew / ry;
            ry = ryNew;
            for (int i = 0; i < d; i++) {
                p[i] = -r[i] / a[i] + beta * p[i];
            }
        }
        return new Result(s, Reason.MAX_ITER, maxProducts, Math.max(0, -model));
    }

    /** s + τp, with m(s + τp) − m(s) = −τ·rᵀy + ½τ²·pᵀBp (rᵀp = −rᵀy along a CG direction). */
    private static Result boundaryResult(double[] s, double[] p, double tau, double ry, double curv, double model,
                                         Reason reason, int products) {
        double[] step = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            step[i] = s[i] + tau * p[i];
        }
        double m = model - tau * ry + 0.5 * tau * tau * curv;
        return new Result(step, reason, products, Math.max(0, -m));
    }

    /** E3: the positive root of ‖s + τp‖_A = Δ. */
    static double toBoundary(double[] s, double[] p, double[] a, double radius) {
        double pAp = 0;
        double sAp = 0;
        double sAs = 0;
        for (int i = 0; i < s.length; i++) {
            pAp += a[i] * p[i] * p[i];
            sAp += a[i] * s[i] * p[i];
            sAs += a[i] * s[i] * s[i];
        }
        double c = Math.min(0, sAs - radius * radius);
        double root = Math.sqrt(sAp * sAp - pAp * c);
        return sAp > 0 ? -c / (sAp + root) : (root - sAp) / pAp;
    }

    private static double aNormSquared(double[] s, double[] p, double alpha, double[] a) {
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            double x = s[i] + alpha * p[i];
            sum += a[i] * x * x;
        }
        return sum;
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }
}
