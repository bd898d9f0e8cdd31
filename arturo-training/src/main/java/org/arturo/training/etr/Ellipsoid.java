package org.arturo.training.etr;

/**
 * The trust region's shape, A = diag(a) (docs/ellipsoidal-tr.md, eq. E5; the paper's eq. 2–3, Cor. 1):
 * the square root of RMSProp's or Adagrad's second-moment matrix, or the sphere. The same A
 * preconditions the CG.
 */
public enum Ellipsoid {
    /** a = 1: the spherical trust region (TR_uni). */
    UNIFORM,
    /** v ← βv + (1 − β)g², a = √(v + ε) (TR_rms). */
    RMS,
    /** v ← v + g², a = √(v + ε) (TR_ada). */
    ADAGRAD;

    /** Updates {@code v} in place with this iteration's gradient and returns a. */
    double[] update(double[] v, double[] g, double beta, double eps) {
        double[] a = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            switch (this) {
                case UNIFORM -> a[i] = 1;
                case RMS -> {
                    v[i] = beta * v[i] + (1 - beta) * g[i] * g[i];
                    a[i] = Math.sqrt(v[i] + eps);
                }
                case ADAGRAD -> {
                    v[i] += g[i] * g[i];
                    a[i] = Math.sqrt(v[i] + eps);
                }
            }
        }
        return a;
    }
}
