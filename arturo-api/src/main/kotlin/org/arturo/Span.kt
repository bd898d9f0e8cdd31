package org.arturo

/**
 * A point or length in training time, in optimizer steps or in epochs. Epochs become steps through
 * the `stepsPerEpoch` of the `arturo { }` block: epoch `e` starts at step `e · stepsPerEpoch`
 * (0-based, as PyTorch's schedulers count).
 *
 * Inside `arturo { }` write `500.steps` or `5.epochs`.
 */
public sealed class Span {
    /** The count as given, in its own unit. */
    public abstract val count: Long

    /** [count] optimizer steps (minibatches). */
    public data class Steps(override val count: Long) : Span() {
        override fun toString(): String = "$count steps"
    }

    /** [count] epochs; needs `stepsPerEpoch`. */
    public data class Epochs(override val count: Long) : Span() {
        override fun toString(): String = "$count epochs"
    }
}
