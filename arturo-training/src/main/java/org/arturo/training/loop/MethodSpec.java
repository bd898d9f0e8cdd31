package org.arturo.training.loop;

import org.arturo.training.graph.Batch;
import org.arturo.training.graph.ModelGraph;

/**
 * A training method with its settings, not yet bound to a model: what the Kotlin blocks
 * ({@code cabs { }}, {@code ellipsoidalTrustRegion { }}) build and a loop binds to a model's graph
 * and its training data.
 */
public interface MethodSpec {
    /** The method's name, as {@link TrainingMethod#name()} reports it. */
    String name();

    /**
     * Whether the method needs the same loss for the same parameters and batch on every evaluation (a
     * trust region's ratio test and finite-difference products do): the model's training-only
     * randomness, such as dropout, must then be off.
     */
    boolean needsDeterministicLoss();

    /** The method on {@code model}, drawing from {@code data} in the order {@code seed} gives. */
    TrainingMethod create(ModelGraph model, Batch data, long seed);
}
