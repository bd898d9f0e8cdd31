package org.arturo.samples.ellipsoidal

import org.arturo.tf.GraphOptimizer
import org.arturo.tf.baselines.AdamConfig
import org.arturo.tf.baselines.AdamOptimizer
import org.arturo.tf.baselines.SgdConfig
import org.arturo.tf.baselines.SgdOptimizer
import org.arturo.training.etr.Ellipsoid
import java.util.Locale

/**
 * The contestants of the paper's Fashion-MNIST comparison, keyed as `--methods` accepts them: the trust
 * region with each ellipsoid (Table 1 defaults) and the first-order baselines at the anchors' step sizes
 * (plain SGD 0.1, Adam 10⁻³ with its usual β and ε), which the paper's set-up runs at batch 32.
 */
enum class EllipsoidalMethod(val key: String, val label: String, val ellipsoid: Ellipsoid?) {
    TR_RMS("tr-rms", "TR_rms", Ellipsoid.RMS),
    TR_ADA("tr-ada", "TR_ada", Ellipsoid.ADAGRAD),
    TR_UNI("tr-uni", "TR_uni", Ellipsoid.UNIFORM),
    SGD("sgd", "SGD (lr 0.1)", null),
    ADAM("adam", "Adam (lr 1e-3)", null);

    val isTrustRegion: Boolean get() = ellipsoid != null

    /** A fresh first-order optimizer; only for the baselines. */
    fun firstOrderOptimizer(): GraphOptimizer = when (this) {
        SGD -> SgdOptimizer(SgdConfig.builder().learningRate(0.1).momentum(0.0).build())
        ADAM -> AdamOptimizer(AdamConfig.builder().learningRate(1e-3).build())
        else -> throw IllegalStateException("$label is not a first-order method")
    }

    companion object {
        val KEYS: List<String> = entries.map { it.key }

        /** The methods named by [keys], in the given order. */
        fun select(keys: List<String>): List<EllipsoidalMethod> = keys.map { key ->
            entries.firstOrNull { it.key == key.lowercase(Locale.ROOT) }
                ?: throw IllegalArgumentException("--methods: unknown method '$key'; valid: ${KEYS.joinToString(",")}")
        }
    }
}
