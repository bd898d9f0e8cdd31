package org.arturo.kotlindl;

import org.jetbrains.kotlinx.dl.api.core.GraphTrainableModel;
import org.jetbrains.kotlinx.dl.api.core.callback.Callback;
import org.tensorflow.Session;

/**
 * Every use of KotlinDL 0.4.0 members that Kotlin code outside KotlinDL cannot see: Kotlin
 * {@code internal} members are public in bytecode under a mangled JVM name ({@code <name>$api}), which
 * Java can call. Pinned by KotlinDlInternalsSpec, so a KotlinDL upgrade that renames one fails there.
 *
 * <p>The other contact points with KotlinDL's internals are in {@link KotlinDlOptimizer}: the
 * {@code isRunningOnGPU$api} override (an internal abstract member) and the slot and scalar names
 * that {@code loadWeights} looks up.
 */
public final class KotlinDlInternals {
    private KotlinDlInternals() {
    }

    /** The model a callback is bound to; KotlinDL sets it at the start of {@code fit}. */
    public static GraphTrainableModel modelOf(Callback callback) {
        return callback.getModel$api();
    }

    /** The session {@code model} trains in. */
    public static Session sessionOf(GraphTrainableModel model) {
        return model.getSession$api();
    }
}
