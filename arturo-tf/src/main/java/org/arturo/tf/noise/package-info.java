/**
 * The noise-aware optimizers of Balles' thesis (chapter 5, appendix B.3): sign descent (SSD), M-SGD,
 * M-SSD, SVAG, M-SVAG and Adam*, one {@link org.arturo.tf.noise.NoiseAwareOptimizer} configured by
 * {@link org.arturo.tf.noise.NoiseAwareConfig} (with its {@link org.arturo.tf.noise.NoiseAwareConfig.Method}),
 * on the shared learning-rate core. Update rules, defaults and numerics: docs/noise-aware.md.
 */
package org.arturo.tf.noise;
