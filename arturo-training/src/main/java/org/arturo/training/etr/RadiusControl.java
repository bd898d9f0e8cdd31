package org.arturo.training.etr;

/**
 * The ratio test and the radius update (docs/ellipsoidal-tr.md, eq. E6–E7; the paper's Alg. 1 with the
 * authors' code for ties and the cap):
 * <pre>
 *   ρ = (f(w) − f(w + s)) / pred, on the same batch;  ρ = 1 when |pred| &lt; 1e-15            (E6)
 *   ρ ≥ η2: accept, Δ ← min(γ1·Δ, Δmax);  η1 ≤ ρ &lt; η2: accept;  ρ &lt; η1 or not finite: reject, Δ ← Δ/γ2   (E7)
 * </pre>
 */
public final class RadiusControl {
    /** How a step fared. */
    public enum Quality { VERY_SUCCESSFUL, SUCCESSFUL, UNSUCCESSFUL }

    /** ρ, the verdict and the next radius. */
    public record Decision(double rho, Quality quality, double nextRadius) {
        public boolean accepted() {
            return quality != Quality.UNSUCCESSFUL;
        }
    }

    private RadiusControl() {
    }

    public static Decision decide(TrustRegionConfig c, double loss, double trialLoss, double predictedDecrease,
                                  double radius) {
        double rho = Math.abs(predictedDecrease) < 1e-15 ? 1 : (loss - trialLoss) / predictedDecrease;
        if (!Double.isFinite(rho) || !Double.isFinite(trialLoss) || rho < c.eta1()) {
            return new Decision(rho, Quality.UNSUCCESSFUL, radius / c.gamma2());
        }
        if (rho >= c.eta2()) {
            return new Decision(rho, Quality.VERY_SUCCESSFUL, Math.min(c.gamma1() * radius, c.radiusMax()));
        }
        return new Decision(rho, Quality.SUCCESSFUL, radius);
    }
}
