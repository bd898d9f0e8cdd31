package org.arturo.training.loop;

/** Told about every step a {@link TrainingLoop} takes (telemetry, progress, logs). Runs on the training thread. */
@FunctionalInterface
public interface TrainingListener {
    void onStep(StepReport report);

    /** The loop ended: its budget was reached, or {@code failure} (non-null) stopped it. */
    default void onEnd(TrainingLoop.Summary summary, Throwable failure) {
    }
}
