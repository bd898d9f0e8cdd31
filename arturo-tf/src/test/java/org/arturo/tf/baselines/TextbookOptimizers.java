package org.arturo.tf.baselines;

import java.util.function.LongToDoubleFunction;

/**
 * The baselines' update rules in plain double arithmetic, written from the textbook (PyTorch's
 * documented algorithms for SGD, Adam and AdamW), independent of the graph code. Each updates
 * {@code theta} in place; {@code factor} is the schedule factor at the 0-based step.
 */
final class TextbookOptimizers {
    private TextbookOptimizers() {
    }

    interface Reference {
        void step(double[][] theta, double[][] g);
    }

    /** torch.optim.SGD, dampening 0. */
    static Reference sgd(double lr, double momentum, double weightDecay, boolean nesterov, LongToDoubleFunction factor) {
        return new Reference() {
            double[][] velocity;
            long t;

            @Override
            public void step(double[][] theta, double[][] g) {
                if (velocity == null) {
                    velocity = zerosLike(theta);
                }
                double lrT = lr * factor.applyAsDouble(t);
                for (int i = 0; i < theta.length; i++) {
                    for (int j = 0; j < theta[i].length; j++) {
                        double d = g[i][j] + weightDecay * theta[i][j];
                        if (momentum != 0) {
                            velocity[i][j] = momentum * velocity[i][j] + d;
                            d = nesterov ? d + momentum * velocity[i][j] : velocity[i][j];
                        }
                        theta[i][j] -= lrT * d;
                    }
                }
                t++;
            }
        };
    }

    /**
     * torch.optim.Adam (coupled weight decay) or torch.optim.AdamW (decoupled). The β's are taken as
     * float32 holds them, since that is the β a float32 graph applies; 1 − β magnifies their rounding
     * (0.06% for β = 0.9999), which would otherwise swamp the comparison.
     */
    static Reference adam(double lr, double beta1Value, double beta2Value, double eps, double weightDecay,
                          boolean decoupled, LongToDoubleFunction factor) {
        double beta1 = (float) beta1Value;
        double beta2 = (float) beta2Value;
        return new Reference() {
            double[][] m;
            double[][] v;
            long t;

            @Override
            public void step(double[][] theta, double[][] g) {
                if (m == null) {
                    m = zerosLike(theta);
                    v = zerosLike(theta);
                }
                double lrT = lr * factor.applyAsDouble(t);
                t++;
                double bc1 = 1 - Math.pow(beta1, t);
                double bc2 = 1 - Math.pow(beta2, t);
                for (int i = 0; i < theta.length; i++) {
                    for (int j = 0; j < theta[i].length; j++) {
                        double grad = g[i][j];
                        if (decoupled) {
                            theta[i][j] *= 1 - lrT * weightDecay;
                        } else {
                            grad += weightDecay * theta[i][j];
                        }
                        m[i][j] = beta1 * m[i][j] + (1 - beta1) * grad;
                        v[i][j] = beta2 * v[i][j] + (1 - beta2) * grad * grad;
                        double mHat = m[i][j] / bc1;
                        double vHat = v[i][j] / bc2;
                        theta[i][j] -= lrT * mHat / (Math.sqrt(vHat) + eps);
                    }
                }
            }
        };
    }

    static double[][] zerosLike(double[][] x) {
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = new double[x[i].length];
        }
        return z;
    }
}
