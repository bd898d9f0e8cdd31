/**
 * The stochastic ellipsoidal trust-region method ("Ellipsoidal trust region methods for neural network
 * training"; docs/ellipsoidal-tr.md): Steihaug-Toint CG in the norm of an RMSProp-, Adagrad- or uniform
 * ellipsoid on curvature-vector products, a ratio test on the same batch and the radius logic. The
 * host-side pieces are here; the loop on a model's graph is to come.
 */
package org.arturo.training.etr;
