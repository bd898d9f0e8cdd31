package org.arturo.training.loop;

/**
 * A training method that draws its own batches and takes one step at a time on a model's graph
 * (CABS, the ellipsoidal trust region). {@link TrainingLoop} drives it to a budget, with progress,
 * telemetry and checkpoints.
 */
public interface TrainingMethod {
    /** A short name, recorded in checkpoints ("cabs", "ellipsoidal-tr"). */
    String name();

    /** One step: draws a batch, evaluates it as the method needs, and updates the parameters (or not). */
    StepReport step();

    long steps();

    long examplesSeen();

    long backpropagations();
}
