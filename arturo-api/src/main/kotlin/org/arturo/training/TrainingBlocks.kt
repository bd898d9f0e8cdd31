package org.arturo.training

import org.arturo.ArturoDsl
import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.setting
import org.arturo.tf.Check
import org.arturo.training.cabs.CabsConfig
import org.arturo.training.cabs.CabsSpec
import org.arturo.training.etr.Ellipsoid
import org.arturo.training.etr.TrustRegionConfig
import org.arturo.training.etr.TrustRegionSpec
import org.arturo.training.loop.MethodSpec

// The receivers of `cabs { }` and `ellipsoidalTrustRegion { }`: thin views of arturo-training's
// validating builders (CabsConfig.Builder, TrustRegionConfig.Builder), which check every value the
// moment it is set. A block builds a MethodSpec; `model.train(data, method, budget)` binds it to a model.

/**
 * CABS, the coupled adaptive batch size (docs/training.md): SGD at step size α whose batch size follows
 * m = α·tr(Σ)/f, or any of the library's optimizers driven by the rule.
 * ```
 * model.train(train, cabs { learningRate = 0.1 }, Budget.examples(120_000))
 * ```
 */
public fun cabs(block: CabsBuilder.() -> Unit): MethodSpec = CabsBuilder().apply(block).build()

/**
 * The stochastic ellipsoidal trust-region method (docs/ellipsoidal-tr.md), with the paper's Table 1
 * defaults for the chosen ellipsoid:
 * ```
 * model.train(train, ellipsoidalTrustRegion { ellipsoid = Ellipsoid.RMS; radius0 = 1e-4 }, Budget.backpropagations(2000))
 * ```
 */
public fun ellipsoidalTrustRegion(block: TrustRegionBuilder.() -> Unit = {}): MethodSpec =
    TrustRegionBuilder().apply(block).build()

/** The receiver of `cabs { }`. α has no default (the thesis tunes it per problem). */
@ArturoDsl
public class CabsBuilder internal constructor() {
    private val core = CabsConfig.builder()

    /** α > 0: the step size, which also sets the batch size (m ∝ α). Required. */
    public var learningRate: Double by setting(Double.NaN) { core.learningRate(it) }

    /** m_min ≥ 2: the first and the smallest batch size. Default 16. */
    public var minBatchSize: Int by setting(CabsConfig.DEFAULT_MIN_BATCH_SIZE) { core.minBatchSize(it) }

    /** m_max ≥ m_min: the largest batch size. Default 2048. */
    public var maxBatchSize: Int by setting(CabsConfig.DEFAULT_MAX_BATCH_SIZE) { core.maxBatchSize(it) }

    /** μ in [0, 1): the averaging of the loss and of tr(Σ). Default 0.95. */
    public var mu: Double by setting(CabsConfig.DEFAULT_MU) { core.mu(it) }

    /** The thesis's form or the authors' code's. Default the thesis's. */
    public var variant: CabsConfig.Variant by setting(CabsConfig.Variant.THESIS) { core.variant(it) }

    /** k micro-batches for the gradient variance, in [2, minBatchSize]. Default 4. */
    public var microBatches: Int by setting(CabsSpec.DEFAULT_MICRO_BATCHES) {
        Check.inRange("microBatches", it.toLong(), 2, Int.MAX_VALUE.toLong())
    }

    /**
     * The optimizer the rule drives, e.g. `msvag { learningRate = 0.01 }`; null (the default) is plain
     * SGD at [learningRate], the thesis's method. With another optimizer α only couples the batch size
     * to the noise (docs/training.md, "CABS with other optimizers").
     */
    public var optimizer: KotlinDlOptimizer? = null

    internal fun build(): MethodSpec = CabsSpec(core.build(), optimizer?.graphOptimizer(), microBatches)
}

/** The receiver of `ellipsoidalTrustRegion { }`; setting [ellipsoid] first resets the other values to its Table 1 column. */
@ArturoDsl
public class TrustRegionBuilder internal constructor() {
    private var core = TrustRegionConfig.builder(Ellipsoid.RMS)
    private val settings = mutableListOf<(TrustRegionConfig.Builder) -> Unit>()

    /** The trust region's shape: RMS (default), ADAGRAD or UNIFORM (the sphere). */
    public var ellipsoid: Ellipsoid = Ellipsoid.RMS
        set(value) {
            core = TrustRegionConfig.builder(value)
            settings.forEach { it(core) }
            field = value
        }

    /** Δ0 > 0, in the ellipsoid's norm. Default 1e-4. */
    public var radius0: Double by remembered(1e-4) { b, v -> b.radius0(v) }

    /** Δmax ≥ Δ0. Default 10. */
    public var radiusMax: Double by remembered(10.0) { b, v -> b.radiusMax(v) }

    /** η1 in [0, 1): steps with ρ below it are rejected. Default 1e-4. */
    public var eta1: Double by remembered(1e-4) { b, v -> b.eta1(v) }

    /** η2 in (η1, 1]: steps with ρ at or above it grow the radius. Default 0.95. */
    public var eta2: Double by remembered(0.95) { b, v -> b.eta2(v) }

    /** γ1 ≥ 1: the growth after a very successful step. Default 1.1. */
    public var gamma1: Double by remembered(1.1) { b, v -> b.gamma1(v) }

    /** γ2 > 1: the shrink after a rejected step. Default 1.75 (RMS), 1.5 (the others). */
    public var gamma2: Double
        get() = chosenGamma2 ?: if (ellipsoid == Ellipsoid.RMS) 1.75 else 1.5
        set(value) {
            remember { it.gamma2(value) }
            chosenGamma2 = value
        }
    private var chosenGamma2: Double? = null

    /** κ in (0, 1): CG's relative tolerance. Default 0.1. */
    public var kappa: Double by remembered(0.1) { b, v -> b.kappa(v) }

    /** θ ≥ 0: CG stops once ‖r‖ ≤ ‖g‖·min(κ, ‖g‖^θ). Default 0.5. */
    public var theta: Double by remembered(0.5) { b, v -> b.theta(v) }

    /** β in (0, 1): the RMS ellipsoid's averaging (only with [Ellipsoid.RMS]). Default 0.8. */
    public var beta: Double by remembered(0.8) { b, v -> b.beta(v) }

    /** ε > 0: the ellipsoid's floor. Default 1e-8. */
    public var eps: Double by remembered(1e-8) { b, v -> b.eps(v) }

    /** At most this many curvature-vector products per iteration, in [1, 100000]. Default 50. */
    public var maxProducts: Int by remembered(50) { b, v -> b.maxProducts(v) }

    /** The shared outlier guard's factor, (1, ∞]; ∞ turns it off. Default 1000. */
    public var outlierFactor: Double by remembered(1000.0) { b, v -> b.outlierFactor(v) }

    /** Examples per iteration (one batch for the gradient, the products and the ratio test). Default 512. */
    public var batchSize: Int by setting(TrustRegionSpec.DEFAULT_BATCH_SIZE) {
        Check.inRange("batchSize", it.toLong(), 1, Int.MAX_VALUE.toLong())
    }

    /** Applies [set] now and again whenever [ellipsoid] replaces the core builder. */
    private fun remember(set: (TrustRegionConfig.Builder) -> Unit) {
        set(core)
        settings += set
    }

    private fun <T> remembered(initial: T, set: (TrustRegionConfig.Builder, T) -> Unit) =
        setting(initial) { value -> remember { set(it, value) } }

    internal fun build(): MethodSpec = TrustRegionSpec(core.build(), batchSize)
}
