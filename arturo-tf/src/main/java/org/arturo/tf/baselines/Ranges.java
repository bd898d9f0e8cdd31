package org.arturo.tf.baselines;

import org.arturo.tf.InvalidHyperparameterException;

/** Range checks the baselines need beyond {@link org.arturo.tf.Check}. */
final class Ranges {
    private Ranges() {
    }

    /** Finite and in [0, 1): momentum and the Adam β's (1 would never forget, above 1 diverges). */
    static double unitInterval(String name, double value) {
        if (!Double.isFinite(value) || value < 0 || value >= 1) {
            throw new InvalidHyperparameterException(name, value, "[0, 1)");
        }
        return value;
    }
}
