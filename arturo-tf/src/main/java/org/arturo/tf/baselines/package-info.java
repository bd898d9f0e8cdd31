/**
 * The paper's baseline optimizers as TF 1.15 graph ops: SGD with momentum ({@link
 * org.arturo.tf.baselines.SgdOptimizer}) and Adam/AdamW ({@link org.arturo.tf.baselines.AdamOptimizer},
 * one configuration with a decoupled-decay flag), with PyTorch's semantics, the shared schedules and
 * the paper's tuned presets. Each is a {@link org.arturo.tf.GraphOptimizer}. Update rules:
 * docs/baselines.md.
 */
package org.arturo.tf.baselines;
