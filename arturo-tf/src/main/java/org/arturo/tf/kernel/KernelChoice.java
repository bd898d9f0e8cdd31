package org.arturo.tf.kernel;

/**
 * The kernel a step runs on, and why: {@link Kernel#NATIVE} or {@link Kernel#GRAPH}, never AUTO.
 *
 * @param kernel the kernel that runs
 * @param reason one line for logs and telemetry, e.g. "auto: loaded, built against ..."
 */
public record KernelChoice(Kernel kernel, String reason) {
    /**
     * Resolves {@code requested} for a configuration the native kernel does or does not support
     * ({@code supported}, described by {@code supportedText}). AUTO falls back to the graph; NATIVE
     * fails with the reason instead.
     *
     * @throws IllegalStateException when NATIVE is requested and the native kernel cannot run it
     */
    public static KernelChoice of(Kernel requested, boolean supported, String supportedText) {
        switch (requested) {
            case GRAPH:
                return new KernelChoice(Kernel.GRAPH, "kernel = GRAPH");
            case NATIVE:
                if (!supported) {
                    throw new IllegalStateException("kernel = NATIVE: the native kernel runs " + supportedText + " only");
                }
                NativeKernel.Availability a = NativeKernel.load();
                if (!a.loaded()) {
                    throw new IllegalStateException("kernel = NATIVE, but the native kernel is unavailable: " + a.reason()
                            + "; use kernel = AUTO (or " + Kernel.ENVIRONMENT + "=auto) to fall back to the graph");
                }
                return new KernelChoice(Kernel.NATIVE, "kernel = NATIVE: " + a.reason());
            default:
                if (!supported) {
                    return new KernelChoice(Kernel.GRAPH, "auto: the native kernel runs " + supportedText + " only");
                }
                NativeKernel.Availability auto = NativeKernel.load();
                return auto.loaded() ? new KernelChoice(Kernel.NATIVE, "auto: " + auto.reason())
                        : new KernelChoice(Kernel.GRAPH, "auto: native unavailable, " + auto.reason());
        }
    }
}
