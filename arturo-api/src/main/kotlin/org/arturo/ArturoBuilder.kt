package org.arturo

import org.arturo.tf.ArturoConfig
import org.arturo.tf.ArturoPreset
import org.arturo.tf.Check
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.Solver
import org.arturo.tf.SurrogateModel
import org.arturo.tf.schedule.Schedule
import org.arturo.tf.schedule.Schedules
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientAction
import org.jetbrains.kotlinx.dl.api.core.optimizer.NoClipGradient
import org.jetbrains.kotlinx.dl.dataset.Dataset

/** Marks the `arturo { }` block so nested receivers do not leak into it. */
@DslMarker
public annotation class ArturoDsl

/**
 * The receiver of `arturo { }`. Every property starts at the preset's (or the defaults') value and is
 * checked by the core the moment it is set: a bad value throws
 * [InvalidHyperparameterException] naming the property, at the line that set it. Symbols refer to
 * docs/algorithm.md.
 */
@ArturoDsl
public class ArturoBuilder internal constructor(base: ArturoConfig, private val preset: ArturoPreset?) {
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

    /**
     * Optimizer steps (minibatches) per epoch: needed when a schedule length is in epochs. KotlinDL
     * runs `ceil(trainingSize / batchSize)` steps per epoch; [stepsPerEpoch] (dataset, batchSize) computes it.
     */
    public var stepsPerEpoch: Int? = null
        set(value) {
            if (value != null) Check.inRange("stepsPerEpoch", value.toLong(), 1, Int.MAX_VALUE.toLong())
            field = value
            schedule.validateWith(value)
        }

    /** ε's schedule; default constant. Build it with the functions below. */
    public var schedule: EpsilonSchedule =
        if (base.schedule() === Schedules.constant()) EpsilonSchedule.Constant else EpsilonSchedule.Custom(base.schedule())
        set(value) { value.validateWith(stepsPerEpoch); field = value }

    /** KotlinDL's gradient clipping (e.g. `ClipGradientByValue(1f)`), applied before arTuRO sees the gradients. */
    public var clipGradient: ClipGradientAction = NoClipGradient()

    /** Sets [stepsPerEpoch] to the number of minibatches KotlinDL makes of [dataset]: ceil(size / batchSize). */
    public fun stepsPerEpoch(dataset: Dataset, batchSize: Int) {
        Check.inRange("batchSize", batchSize.toLong(), 1, Int.MAX_VALUE.toLong())
        stepsPerEpoch = -Math.floorDiv(-dataset.xSize(), batchSize)
    }

    /** This many optimizer steps (minibatches), e.g. `500.steps`. */
    public val Int.steps: Span get() = Span.Steps(toLong())

    /** This many optimizer steps (minibatches). */
    public val Long.steps: Span get() = Span.Steps(this)

    /** This many epochs, e.g. `5.epochs`; needs [stepsPerEpoch]. */
    public val Int.epochs: Span get() = Span.Epochs(toLong())

    /** This many epochs; needs [stepsPerEpoch]. */
    public val Long.epochs: Span get() = Span.Epochs(this)

    /** factor 1: ε_t = ε. */
    public fun constant(): EpsilonSchedule = EpsilonSchedule.Constant

    /** ε is multiplied by [gamma] at each milestone (strictly increasing), e.g. `multiStep(0.1, 5.epochs, 8.epochs)`. */
    public fun multiStep(gamma: Double, vararg milestones: Span): EpsilonSchedule =
        EpsilonSchedule.MultiStep(gamma, milestones.toList()).validated()

    /** factor = rate^(t / every); with [staircase] the exponent is floored (e.g. `exponential(0.9, 1.epochs, true)`). */
    public fun exponential(rate: Double, every: Span, staircase: Boolean = false): EpsilonSchedule =
        EpsilonSchedule.Exponential(rate, every, staircase).validated()

    /** Cosine annealing from 1 to [floor] over [over], then constant at [floor]. */
    public fun cosine(over: Span, floor: Double = 0.0): EpsilonSchedule =
        EpsilonSchedule.Cosine(over, floor).validated()

    /** A linear ramp min(1, (t+1)/length) multiplied onto [then]. */
    public fun warmup(length: Span, then: EpsilonSchedule = constant()): EpsilonSchedule =
        EpsilonSchedule.Warmup(length, then).validated()

    /** factor [initial] until the first boundary, then each pair's factor from its boundary on. */
    public fun piecewise(initial: Double, vararg pieces: Pair<Span, Double>): EpsilonSchedule =
        EpsilonSchedule.Piecewise(initial, pieces.toList()).validated()

    /**
     * The paper's schedule for this block's preset (ε × 0.006 at 50% and 75% of [totalEpochs]);
     * without a preset, that of [ArturoPreset.FASHION_MNIST_CNN], whose values are the defaults.
     */
    public fun paperSchedule(totalEpochs: Int): EpsilonSchedule =
        EpsilonSchedule.Paper(preset ?: ArturoPreset.FASHION_MNIST_CNN, totalEpochs.toLong()).validated()

    /** Any core [Schedule] (lengths in steps), e.g. one from `org.arturo.tf.schedule.Schedules`. */
    public fun custom(schedule: Schedule): EpsilonSchedule = EpsilonSchedule.Custom(schedule)

    /** The configuration this block describes; the schedule is resolved here. */
    internal fun buildConfig(): ArturoConfig {
        val spe = stepsPerEpoch
        if (schedule.usesEpochs && spe == null) {
            throw InvalidHyperparameterException(
                "stepsPerEpoch", "not set",
                "[1, ∞): the schedule ($schedule) counts epochs; set stepsPerEpoch = <minibatches per epoch> " +
                    "or stepsPerEpoch(trainingDataset, batchSize) in the arturo { } block",
            )
        }
        return core.schedule(schedule.resolve(spe?.toLong() ?: 1L)).build()
    }

    /** Checks a schedule's values at once when its lengths can already be converted to steps. */
    private fun EpsilonSchedule.validated(): EpsilonSchedule = also { it.validateWith(stepsPerEpoch) }

    private fun EpsilonSchedule.validateWith(stepsPerEpoch: Int?) {
        if (!usesEpochs || stepsPerEpoch != null) resolve(stepsPerEpoch?.toLong() ?: 1L)
    }
}
