package org.arturo.samples.benchmark

import org.arturo.tf.GraphOptimizer
import org.arturo.tf.StepInputs
import org.arturo.tf.arturo.ArturoConfig
import org.arturo.tf.arturo.ArturoDiagnostics
import org.arturo.tf.arturo.ArturoOptimizer
import org.arturo.tf.arturo.Solver
import org.arturo.tf.kernel.HelperPlacement
import org.arturo.tf.kernel.Kernel
import org.tensorflow.Operand
import org.tensorflow.Operation
import org.tensorflow.op.Ops
import org.tensorflow.op.core.Variable

/** An optimizer update built into a graph: what to run each step, how to initialize it, what it keeps. */
class BuiltStep(
    val trainOp: Operation,
    val initializers: List<Operation>,
    /** Bytes of persistent optimizer state (slots and scalars). */
    val stateBytes: Long,
    /** Fetches the solver passes of the last step, when the optimizer has a solver. */
    val solverPasses: Operand<Float>? = null,
)

/** One optimizer taking part in the step benchmark. */
interface StepCandidate {
    val name: String
    fun build(tf: Ops, parameters: List<Variable<Float>>, gradients: List<Operand<Float>>): BuiltStep

    companion object {
        const val ARTURO_EXACT_GRAPH = "arTuRO exact (graph)"
        const val ARTURO_EXACT_NATIVE = "arTuRO exact (native)"
        const val ARTURO_EXACT_NATIVE_AS_SCHEDULED = "arTuRO exact (native; helpers as scheduled)"

        /** arTuRO with [solver] on the graph kernel (the only one bisection has). */
        fun arturo(solver: Solver, config: ArturoConfig = ArturoConfig.defaults()) =
            of(if (solver is Solver.Exact) ARTURO_EXACT_GRAPH else "arTuRO ${solver.name().lowercase()}",
                ArturoOptimizer(config.toBuilder().solver(solver).kernel(Kernel.GRAPH).build()))

        /** arTuRO's exact step on the native kernel, in a row named [name]. */
        fun arturoNative(config: ArturoConfig = ArturoConfig.defaults(), name: String = ARTURO_EXACT_NATIVE) =
            of(name, ArturoOptimizer(config.toBuilder().solver(Solver.EXACT).kernel(Kernel.NATIVE).build()))

        /** The same with [HelperPlacement.AS_SCHEDULED]: what moving a helper off the caller's CPU is worth. */
        fun arturoNativeHelpersAsScheduled() = arturoNative(
            ArturoConfig.builder().helperPlacement(HelperPlacement.AS_SCHEDULED).build(), ARTURO_EXACT_NATIVE_AS_SCHEDULED)

        /** TF's own fused Adam kernel, the reference. */
        val fusedAdam = object : StepCandidate {
            override val name = "Adam (TF fused ApplyAdam)"
            override fun build(tf: Ops, parameters: List<Variable<Float>>, gradients: List<Operand<Float>>): BuiltStep {
                val adam = FusedAdamStep(tf, parameters, gradients)
                return BuiltStep(adam.trainOp, adam.initializers.map { it.asOutput().op() }, adam.stateBytes)
            }
        }

        /** Any [GraphOptimizer] (arTuRO variants, the library's baselines). */
        fun of(name: String, optimizer: GraphOptimizer) = object : StepCandidate {
            override val name = name
            override fun build(tf: Ops, parameters: List<Variable<Float>>, gradients: List<Operand<Float>>): BuiltStep {
                val state = CountingStateFactory(optimizer.stateName())
                val update = optimizer.apply(StepInputs.ofGradients(tf, parameters, gradients), state)
                return BuiltStep(update.trainOp().asOutput().op(), listOf(state.initializer(tf).op()), state.bytes,
                    update.diagnostics().operand(ArturoDiagnostics.SOLVER_ITERATIONS).orElse(null))
            }
        }
    }
}
