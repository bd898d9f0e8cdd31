package org.arturo.telemetry

/** Receives each step reading of an [Telemetry], on the training thread. Keep it quick. */
public fun interface StepListener {
    public fun onStep(stats: StepStats)
}

/** Receives each epoch summary of an [Telemetry], on the training thread. */
public fun interface EpochListener {
    public fun onEpoch(stats: EpochStats)
}
