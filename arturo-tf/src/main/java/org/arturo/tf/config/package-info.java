/**
 * Configuration pieces shared by optimizer families: {@link org.arturo.tf.config.LearningRateConfig}
 * holds the learning rate, its schedule, weight decay and the skip policy of every learning-rate
 * optimizer.
 */
package org.arturo.tf.config;
