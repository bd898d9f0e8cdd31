package org.arturo.telemetry

import org.arturo.tf.arturo.ArturoDiagnostics

// arTuRO's own diagnostics on the shared telemetry records: NaN when the optimizer is not arTuRO.

/** Whether the native kernel runs the steps (false on the graph kernel and for other optimizers). */
public val StepStats.nativeKernel: Boolean get() = this[ArturoDiagnostics.NATIVE_KERNEL] == 1.0

/** η of the last applied step (0: the trust region was inactive; −1: no step applied yet). */
public val StepStats.eta: Double get() = this[ArturoDiagnostics.ETA]

/** C(η)/ε_t of the last applied step: 1 when the trust region was active. */
public val StepStats.klRatio: Double get() = this[ArturoDiagnostics.KL_RATIO]

/** Solver passes in the last applied step. */
public val StepStats.solverIterations: Double get() = this[ArturoDiagnostics.SOLVER_ITERATIONS]

/** ε_t of the last applied step. */
public val StepStats.epsilon: Double get() = this[ArturoDiagnostics.EPSILON]

/** Whether the native kernel ran the epoch's steps. */
public val EpochStats.nativeKernel: Boolean get() = last.valueOf(ArturoDiagnostics.NATIVE_KERNEL) == 1.0

/** Mean η over the epoch's readings. */
public val EpochStats.meanEta: Double get() = mean.valueOf(ArturoDiagnostics.ETA)

/** Mean C(η)/ε_t over the epoch's readings. */
public val EpochStats.meanKlRatio: Double get() = mean.valueOf(ArturoDiagnostics.KL_RATIO)

/** Mean solver passes per step over the epoch's readings. */
public val EpochStats.meanSolverIterations: Double get() = mean.valueOf(ArturoDiagnostics.SOLVER_ITERATIONS)

/** Most solver passes any read step needed. */
public val EpochStats.maxSolverIterations: Double get() = max.valueOf(ArturoDiagnostics.SOLVER_ITERATIONS)

/** ε_t at the end of the epoch. */
public val EpochStats.epsilon: Double get() = last.valueOf(ArturoDiagnostics.EPSILON)
