package org.arturo.tf.kernel;

/**
 * Where the native kernel's helper threads work (docs/native-kernel.md, "Threads"). A step on the
 * native kernel runs on the thread that calls it and on helpers from TensorFlow's intra-op pool. A
 * woken pool thread can be queued on the caller's own CPU. There it only takes turns with the caller
 * while another CPU may stand idle.
 */
public enum HelperPlacement {
    /**
     * A helper that starts on the caller's CPU takes that CPU out of its affinity mask for the step
     * and puts its own mask back before it returns to the pool. It never moves to a CPU outside its
     * mask, and a mask of one CPU keeps it where it is. The default.
     */
    OFF_CALLERS_CPU,
    /** Helpers work wherever the pool's threads run; no thread's affinity is touched. */
    AS_SCHEDULED
}
