package org.arturo

/** What kept a checkpoint from being saved or loaded; [CheckpointException.problem] carries it. */
public enum class CheckpointProblem {
    /** The directory holds no checkpoint: no `CURRENT` pointer (and no directory written by `model.save`). */
    NO_CHECKPOINT,

    /** A file of the checkpoint is missing or has another size than its manifest records. */
    INCOMPLETE,

    /** A file's contents differ from the hash its manifest records, or a file cannot be read as what it should be. */
    CORRUPT,

    /** The checkpoint was written by another optimizer than the one the model is compiled with. */
    OTHER_OPTIMIZER,

    /** The checkpoint holds no optimizer state, so the optimizer would silently restart from step 0. */
    NO_OPTIMIZER_STATE,

    /** The optimizer state variables differ from the ones this model's optimizer creates. */
    DIFFERENT_OPTIMIZER_STATE,

    /** The weights differ in names or shapes: another model. */
    DIFFERENT_WEIGHTS,

    /** The optimizer's hyperparameters differ (or, for a directory written by `model.save`, are not recorded). */
    DIFFERENT_HYPERPARAMETERS,

    /** The model cannot be saved or loaded into now: not compiled, not yet initialized, or already initialized. */
    MODEL_NOT_READY,

    /** Another save into the same directory is running. */
    SAVE_IN_PROGRESS,
}

/**
 * A checkpoint could not be saved or loaded. The message names what does not match; [problem] says
 * which kind of failure it is, for code that handles one kind (for example starting afresh on
 * [CheckpointProblem.NO_CHECKPOINT]). File-system failures (a full disk, no permission) are thrown as
 * [java.io.IOException] instead.
 */
public class CheckpointException @JvmOverloads constructor(
    public val problem: CheckpointProblem,
    message: String,
    cause: Throwable? = null,
) : IllegalStateException(message, cause)
