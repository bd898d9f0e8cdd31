package org.arturo.samples.benchmark

/**
 * Bytes each optimizer step must move per parameter, for the fused kernels whose passes are known
 * (docs/native-kernel.md, "The core"); null for the graph kernels, whose traffic depends on TF's
 * scheduling of some hundred element-wise ops.
 */
object TrafficModel {
    /** Adam's `ApplyAdam`: reads θ, m, v, g and writes θ, m, v. */
    const val FUSED_ADAM = 28.0

    /**
     * arTuRO's native step: pass A (reads 32 B, writes λ and c, 8 B, and takes max |g| and the first
     * solver pass's sums on the way), 8 B for each further solver pass, pass B (reads 32 B, writes
     * 28 B, and sums C(η*) on the way when it is sure to be finite, as it usually is).
     */
    fun arturoNative(meanSolverPasses: Double): Double = 40.0 + 8.0 * (meanSolverPasses - 1) + 60.0

    fun bytesPerParameter(t: StepTiming): Double? = when {
        t.optimizer == StepCandidate.fusedAdam.name -> FUSED_ADAM
        t.optimizer == StepCandidate.ARTURO_EXACT_NATIVE || t.optimizer == StepCandidate.ARTURO_EXACT_NATIVE_AS_SCHEDULED ->
            t.meanSolverPasses?.let(::arturoNative)
        else -> null
    }
}
