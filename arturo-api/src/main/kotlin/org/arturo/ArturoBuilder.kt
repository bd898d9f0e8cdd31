package org.arturo

import org.arturo.tf.ArturoConfig
import org.arturo.tf.ArturoPreset
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.Solver
import org.arturo.tf.SurrogateModel

/**
 * The receiver of `arturo { }`. Every property starts at the preset's (or the defaults') value and is
 * checked by the core the moment it is set: a bad value throws
 * [InvalidHyperparameterException] naming the property, at the line that set it. Symbols refer to
 * docs/algorithm.md. The schedule of ε, `stepsPerEpoch` and `clipGradient` come from [ScheduleScope].
 */
public class ArturoBuilder internal constructor(base: ArturoConfig, preset: ArturoPreset?) : ScheduleScope(
    base.schedule(), "arturo", (preset ?: ArturoPreset.FASHION_MNIST_CNN).name,
    (preset ?: ArturoPreset.FASHION_MNIST_CNN)::paperSchedule,
) {
    private val core: ArturoConfig.Builder = base.toBuilder()

    /** ε: KL bound per step (before the schedule). */
    public var epsilon: Double = base.epsilon()
        set(value) { core.epsilon(value); field = value }

    /** ρ: weight of the Gaussian prior. */
    public var rho: Double = base.rho()
        set(value) { core.rho(value); field = value }

    /** ν: weight of the previous precision in the precision update (eq. 8). */
    public var nu: Double = base.nu()
        set(value) { core.nu(value); field = value }

    /** λ: prior precision. */
    public var lambda: Double = base.lambda()
        set(value) { core.lambda(value); field = value }

    /** q: drift noise of the Kalman filter (eq. 3). */
    public var q: Double = base.q()
        set(value) { core.q(value); field = value }

    /** r: measurement noise of the Kalman filter (eq. 3). */
    public var r: Double = base.r()
        set(value) { core.r(value); field = value }

    /** σ0²: initial variance; the precision starts at 1/σ0² (eq. 1). */
    public var varInit: Double = base.varInit()
        set(value) { core.varInit(value); field = value }

    /** P0: initial filter covariance (eq. 1). */
    public var p0: Double = base.p0()
        set(value) { core.p0(value); field = value }

    /** a0: initial curvature of the surrogate (eq. 1). */
    public var a0: Double = base.a0()
        set(value) { core.a0(value); field = value }

    /** Decoupled weight decay, scaled by ε_t (eq. 2). */
    public var weightDecay: Double = base.weightDecay()
        set(value) { core.weightDecay(value); field = value }

    /** How η is found: [Solver.EXACT] (eqs. 9–11), [Solver.BISECTION] (eq. 12) or [Solver.FIXED] (ablation). */
    public var solver: Solver = base.solver()
        set(value) { core.solver(value); field = value }

    /** Bisection only: stop when the bracket is narrower than this. */
    public var etaTol: Double = base.etaTol()
        set(value) { core.etaTol(value); field = value }

    /** Bisection only: the upper end of the first bracket. */
    public var etaMax: Double = base.etaMax()
        set(value) { core.etaMax(value); field = value }

    /** Exact solver only: relative tolerance on C(η) = ε_t. */
    public var solverTolerance: Double = base.solverTolerance()
        set(value) { core.solverTolerance(value); field = value }

    /** Cap on solver passes per step. */
    public var maxSolverIterations: Int = base.maxSolverIterations()
        set(value) { core.maxSolverIterations(value); field = value }

    /** [Solver.FIXED] only (ablation): the multiplier η used every step. */
    public var fixedEta: Double = base.fixedEta()
        set(value) { core.fixedEta(value); field = value }

    /** How the gradient model is fitted: [SurrogateModel.KALMAN] (eq. 3) or [SurrogateModel.ADAM_MOMENTS] (ablation). */
    public var surrogate: SurrogateModel = base.surrogate()
        set(value) { core.surrogate(value); field = value }

    /** [SurrogateModel.ADAM_MOMENTS] only: decay of the first moment. */
    public var adamBeta1: Double = base.adamBeta1()
        set(value) { core.adamBeta1(value); field = value }

    /** [SurrogateModel.ADAM_MOMENTS] only: decay of the second moment. */
    public var adamBeta2: Double = base.adamBeta2()
        set(value) { core.adamBeta2(value); field = value }

    /** The configuration this block describes; the schedule is resolved here. */
    internal fun buildConfig(): ArturoConfig = core.schedule(resolveSchedule()).build()
}
