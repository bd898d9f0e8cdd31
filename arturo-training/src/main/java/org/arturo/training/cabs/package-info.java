/**
 * CABS, the coupled adaptive batch size of Balles, Romero and Hennig (UAI 2017; Balles' thesis, chapter 4,
 * Alg. 1): SGD whose next batch size is m = α·tr(Σ)/f, from running averages of the gradient variance
 * and the loss (docs/training.md).
 */
package org.arturo.training.cabs;
