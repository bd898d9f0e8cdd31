/**
 * Training methods that need more than an optimizer step on one mean gradient: CABS's coupled adaptive
 * batch size ({@link org.arturo.training.cabs}) to begin with; the training loop that drives a model's
 * graph directly (batches of any size, gradient variances, curvature-vector products) is to come.
 */
package org.arturo.training;
