package org.arturo

/**
 * The optimizer's scalars read right after one training step.
 *
 * @property epoch KotlinDL's epoch number (1-based).
 * @property batch the minibatch within the epoch (0-based).
 * @property loss KotlinDL's training loss of this minibatch (NaN for a poisoned one).
 * @property values every scalar the optimizer exposes, by name; arTuRO's (and the baselines'
 *   learningRate) have typed accessors below, NaN when the optimizer has no such scalar.
 */
public data class StepStats(
    val epoch: Int,
    val batch: Int,
    val loss: Double,
    val values: Map<String, Double>,
) {
    /** η of the last applied step (0: the trust region was inactive; −1: no step applied yet). */
    val eta: Double get() = values.valueOf("eta")

    /** C(η)/ε_t of the last applied step: 1 when the trust region was active. */
    val klRatio: Double get() = values.valueOf("klRatio")

    /** Solver passes in the last applied step. */
    val solverIterations: Double get() = values.valueOf("solverIterations")

    /** ε_t of the last applied step. */
    val epsilon: Double get() = values.valueOf("epsilon")

    /** Applied steps so far (the schedule's counter); skipped steps do not count. */
    val step: Long get() = values.valueOf("step").toLong()

    /** Steps skipped so far because a gradient was NaN or infinite. */
    val skippedSteps: Long get() = values.valueOf("skippedSteps").toLong()

    /** The scheduled learning rate of a baseline (SGD, Adam, AdamW); NaN for arTuRO. */
    val learningRate: Double get() = values.valueOf("learningRate")
}

/** The named value, or NaN when the optimizer has no such scalar (e.g. a baseline has no η). */
internal fun Map<String, Double>.valueOf(name: String): Double = this[name] ?: Double.NaN
