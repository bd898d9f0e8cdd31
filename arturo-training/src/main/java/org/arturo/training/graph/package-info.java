/**
 * What a training loop asks of a model's graph: the loss and gradient on a batch of any size
 * ({@link org.arturo.training.graph.GradientEvaluator}), the per-element gradient variance from
 * micro-batches ({@link org.arturo.training.graph.MicroBatchVariance}) and curvature-vector products by
 * central differences of gradients ({@link org.arturo.training.graph.FiniteDifferenceCurvature}).
 */
package org.arturo.training.graph;
