package org.arturo

import org.arturo.tf.GraphOptimizer
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.arturo.ArturoConfig
import org.arturo.tf.arturo.ArturoOptimizer
import org.arturo.tf.arturo.ArturoPreset
import org.arturo.tf.arturo.Solver
import org.arturo.tf.arturo.Surrogate
import org.arturo.tf.kernel.HelperPlacement
import org.arturo.tf.kernel.Kernel

/**
 * The receiver of `arturo { }`. Every property starts at the preset's (or the defaults') value and is
 * checked by the core the moment it is set: a bad value throws [InvalidHyperparameterException]
 * naming the property, at the line that set it. Symbols refer to docs/algorithm.md. The schedule of ε,
 * `stepsPerEpoch` and `clipGradient` come from [OptimizerScope].
 *
 * The solver's and the surrogate's parameters are flat properties too (`q`, `r`, `etaTol`, ...), but
 * each belongs to its component: set `solver` or `surrogate` first, then its parameters. Setting a
 * parameter of a component that is not in use throws; reading one gives NaN.
 */
public class ArturoBuilder internal constructor(base: ArturoConfig, preset: ArturoPreset?) :
    OptimizerScope(base.schedule(), "arturo", preset ?: ArturoPreset.FASHION_MNIST_CNN) {
    private val core: ArturoConfig.Builder = base.toBuilder()

    /** ε: KL bound per step (before the schedule). */
    public var epsilon: Double by setting(base.epsilon()) { core.epsilon(it) }

    /** ρ: weight of the Gaussian prior. */
    public var rho: Double by setting(base.rho()) { core.rho(it) }

    /** ν: weight of the previous precision in the precision update (eq. 8). */
    public var nu: Double by setting(base.nu()) { core.nu(it) }

    /** λ: prior precision. */
    public var lambda: Double by setting(base.lambda()) { core.lambda(it) }

    /** σ0²: initial variance; the precision starts at 1/σ0² (eq. 1). */
    public var varInit: Double by setting(base.varInit()) { core.varInit(it) }

    /** Decoupled weight decay, scaled by ε_t (eq. 2). */
    public var weightDecay: Double by setting(base.weightDecay()) { core.weightDecay(it) }

    /**
     * Skip (and count as `outlierSteps`) a step whose largest gradient element exceeds this factor times
     * the running scale of recent gradients; `Double.POSITIVE_INFINITY` turns the guard off
     * (docs/algorithm.md, "Outlier guard"). Default 1000.
     */
    public var outlierFactor: Double by setting(base.outlierFactor()) { core.outlierFactor(it) }

    /**
     * Which kernel runs the step (docs/native-kernel.md): [Kernel.AUTO] takes the fused native one
     * where it is known good and supports this block's solver and surrogate, [Kernel.NATIVE] requires
     * it, [Kernel.GRAPH] keeps TensorFlow's own ops. Starts from `ARTURO_KERNEL` (AUTO when unset).
     */
    public var kernel: Kernel by view({ core.kernel() }) { core.kernel(it) }

    /**
     * Where the native kernel's helper threads work (docs/native-kernel.md, "Threads"):
     * [HelperPlacement.OFF_CALLERS_CPU] (default) moves a helper that starts on the calling thread's
     * CPU to another of its CPUs for the step; [HelperPlacement.AS_SCHEDULED] never touches affinity.
     */
    public var helperPlacement: HelperPlacement by view({ core.helperPlacement() }) { core.helperPlacement(it) }

    /** How η is found: [Solver.EXACT] (eqs. 9–11), [Solver.BISECTION] (eq. 12) or [Solver.FIXED] (ablation), with its parameters. */
    public var solver: Solver by view({ core.solver() }) { core.solver(it) }

    /** How the gradient model is fitted: [Surrogate.KALMAN] (eq. 3) or [Surrogate.ADAM_MOMENTS] (ablation), with its parameters. */
    public var surrogate: Surrogate by view({ core.surrogate() }) { core.surrogate(it) }

    /** Kalman surrogate: drift noise q (eq. 3). */
    public var q: Double by view({ kalman()?.q() ?: Double.NaN }) { core.q(it) }

    /** Kalman surrogate: measurement noise r (eq. 3). */
    public var r: Double by view({ kalman()?.r() ?: Double.NaN }) { core.r(it) }

    /** Kalman surrogate: initial filter covariance P0 (eq. 1). */
    public var p0: Double by view({ kalman()?.p0() ?: Double.NaN }) { core.p0(it) }

    /** Kalman surrogate: initial curvature a0 (eq. 1). */
    public var a0: Double by view({ kalman()?.a0() ?: Double.NaN }) { core.a0(it) }

    /**
     * Kalman surrogate: [Surrogate.MeasurementNoise.FIXED] uses `r` as set;
     * [Surrogate.MeasurementNoise.ESTIMATED] estimates it online per element from the gradients and keeps
     * each tensor's average gain at the one `q/r` gives, so only the ratios `q/r` and `p0/r` matter
     * (docs/algorithm.md, "Noise-aware arTuRO"). Two more floats of state per parameter.
     */
    public var measurementNoise: Surrogate.MeasurementNoise by view({ kalman()?.measurementNoise() ?: Surrogate.MeasurementNoise.FIXED }) {
        core.measurementNoise(it)
    }

    /** Adam-moments surrogate (ablation): decay of the first moment. */
    public var adamBeta1: Double by view({ adamMoments()?.beta1() ?: Double.NaN }) { core.adamBeta1(it) }

    /** Adam-moments surrogate (ablation): decay of the second moment. */
    public var adamBeta2: Double by view({ adamMoments()?.beta2() ?: Double.NaN }) { core.adamBeta2(it) }

    /** Exact solver: relative tolerance on C(η) = ε_t. */
    public var solverTolerance: Double by view({ (core.solver() as? Solver.Exact)?.tolerance() ?: Double.NaN }) {
        core.solverTolerance(it)
    }

    /** Bisection: stop when the bracket is narrower than this. */
    public var etaTol: Double by view({ bisection()?.etaTol() ?: Double.NaN }) { core.etaTol(it) }

    /** Bisection: the upper end of the first bracket. */
    public var etaMax: Double by view({ bisection()?.etaMax() ?: Double.NaN }) { core.etaMax(it) }

    /** Fixed-η ablation: the multiplier η used every step. */
    public var fixedEta: Double by view({ (core.solver() as? Solver.Fixed)?.eta() ?: Double.NaN }) { core.fixedEta(it) }

    /** Exact solver or bisection: cap on solver passes per step (0 when the solver has none). */
    public var maxSolverIterations: Int by view({
        when (val s = core.solver()) {
            is Solver.Exact -> s.maxIterations()
            is Solver.Bisection -> s.maxIterations()
            else -> 0
        }
    }) { core.maxSolverIterations(it) }

    private fun kalman(): Surrogate.Kalman? = core.surrogate() as? Surrogate.Kalman

    private fun adamMoments(): Surrogate.AdamMoments? = core.surrogate() as? Surrogate.AdamMoments

    private fun bisection(): Solver.Bisection? = core.solver() as? Solver.Bisection

    /** The configuration this block describes; the schedule is resolved here. */
    internal fun buildConfig(): ArturoConfig = core.schedule(resolveSchedule()).build()

    override fun buildOptimizer(): GraphOptimizer = ArturoOptimizer(buildConfig())
}
