package org.arturo.samples.training

/** Reads an optimizer's scalars (η, solver passes, learning rate, …) after a training step. */
fun interface StepTelemetry {
    fun read(): Map<String, Double>

    companion object {
        val NONE = StepTelemetry { emptyMap() }
    }
}
