/**
 * The paper's baseline optimizers as TF 1.15 graph ops: SGD with momentum ({@link
 * org.arturo.tf.baselines.SgdOptimizer}), Adam ({@link org.arturo.tf.baselines.AdamOptimizer}) and
 * AdamW ({@link org.arturo.tf.baselines.AdamWOptimizer}), with PyTorch's semantics, arTuRO's
 * schedules and the paper's tuned presets. Each is a {@link org.arturo.tf.GraphOptimizer}, so the
 * host adapter that runs arTuRO runs them unchanged. Update rules: docs/baselines.md.
 */
package org.arturo.tf.baselines;
