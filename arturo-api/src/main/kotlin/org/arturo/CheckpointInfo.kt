package org.arturo

import java.io.File
import java.time.Instant

/**
 * A checkpoint as [saveCheckpoint] wrote it or [loadCheckpoint] read it.
 *
 * @property directory the version directory (`dir/ckpt-<version>`), or for a directory written by
 *   `model.save` that directory itself.
 * @property version the version number, counting saves into the directory; 0 for a `model.save` directory.
 * @property step the optimizer's applied-step counter at the save.
 * @property optimizerName the optimizer's name, e.g. `arTuRO`.
 * @property optimizerStateName the prefix of its state variables, e.g. `arturo`.
 * @property optimizerConfig its configuration as text (every hyperparameter, schedule included).
 * @property clipGradient the gradient clipping, e.g. `ClipGradientByValue(1.0)`.
 * @property savedAt when the save completed; null for a `model.save` directory.
 * @property verified true when the checkpoint was checked against its manifest (sizes, SHA-256) and its
 *   recorded configuration; false for a `model.save` directory, which records neither.
 */
public class CheckpointInfo internal constructor(
    public val directory: File,
    public val version: Long,
    public val step: Long,
    public val optimizerName: String,
    public val optimizerStateName: String,
    public val optimizerConfig: String,
    public val clipGradient: String,
    public val savedAt: Instant?,
    public val verified: Boolean,
) {
    override fun toString(): String =
        "Checkpoint(version $version at step $step, $optimizerName, $directory${if (verified) "" else ", unverified"})"
}
