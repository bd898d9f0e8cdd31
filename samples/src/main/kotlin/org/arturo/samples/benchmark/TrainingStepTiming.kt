package org.arturo.samples.benchmark

/** Whole training steps (forward, backward, update) of one optimizer on the CNN. */
data class TrainingStepTiming(val optimizer: String, val stats: Stats, val isReference: Boolean)
