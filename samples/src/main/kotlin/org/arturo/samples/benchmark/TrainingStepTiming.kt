package org.arturo.samples.benchmark

/**
 * Whole training steps (forward, backward, update) of one optimizer in one setting.
 *
 * @param setting the model and batch size, e.g. "CNN, batch 32"; ratios are taken within a setting
 */
data class TrainingStepTiming(val optimizer: String, val stats: Stats, val isReference: Boolean, val setting: String = "CNN, batch 255")
