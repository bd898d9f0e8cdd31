package org.arturo.tf.kernel;

import java.util.Locale;
import org.arturo.tf.InvalidHyperparameterException;

/**
 * Which implementation runs an optimizer step that has a native one (docs/native-kernel.md,
 * "Choosing the kernel"). A configuration starts from {@code ARTURO_KERNEL} (AUTO when it is unset);
 * a kernel set in code wins over it.
 */
public enum Kernel {
    /** The native kernel where it is known good and supports the configuration, the graph elsewhere. */
    AUTO,
    /** The native kernel, or an error saying why it cannot run. */
    NATIVE,
    /** TensorFlow's own graph ops: the reference, on every platform and configuration. */
    GRAPH;

    /** The environment variable that sets the starting kernel of every configuration. */
    public static final String ENVIRONMENT = "ARTURO_KERNEL";

    /** {@code ARTURO_KERNEL} as a kernel, AUTO when unset or empty. */
    public static Kernel fromEnvironment() {
        return parse(ENVIRONMENT, System.getenv(ENVIRONMENT));
    }

    /** {@code text} (auto, native or graph, any case) as a kernel; AUTO for null or blank. */
    public static Kernel parse(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidHyperparameterException(parameter, text, "one of auto, native, graph");
        }
    }
}
