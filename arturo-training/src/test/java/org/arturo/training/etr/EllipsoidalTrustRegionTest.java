package org.arturo.training.etr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;
import org.arturo.training.SeededOrder;
import org.arturo.training.graph.Batch;
import org.arturo.training.graph.ModelGraph;
import org.arturo.training.graph.ParameterAccess;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The trust region on a badly scaled least-squares problem: y = x·w*, features scaled 0.1 to 10. */
class EllipsoidalTrustRegionTest {
    private static final int FEATURES = 6;

    private static Batch data(int rows, long seed) {
        return data(rows, seed, 1);
    }

    /** The data with every feature multiplied by {@code scale} (1e4: an outlier batch; NaN: a broken one). */
    private static Batch data(int rows, long seed, float scale) {
        Random r = new Random(seed);
        float[] x = new float[rows * FEATURES];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            double target = 0;
            for (int j = 0; j < FEATURES; j++) {
                double featureScale = Math.pow(10, -1 + 2.0 * j / (FEATURES - 1));
                x[i * FEATURES + j] = (float) (featureScale * r.nextGaussian());
                target += x[i * FEATURES + j] * (j % 2 == 0 ? 1 : -1);
            }
            y[i] = (float) target;
        }
        for (int k = 0; k < x.length; k++) {
            x[k] *= scale;
        }
        return new Batch(List.of(x, y), List.of(new long[] {FEATURES}, new long[] {1}));
    }

    private static final class LeastSquares implements AutoCloseable {
        final Graph graph = new Graph();
        final Session session = new Session(graph);
        final ModelGraph model;

        LeastSquares() {
            Ops tf = Ops.create(graph);
            Variable<Float> w = tf.variable(Shape.make(FEATURES, 1), Float.class);
            session.runner().addTarget(tf.assign(w, tf.constant(new long[] {FEATURES, 1}, FloatBuffer.wrap(new float[FEATURES])))).run();
            Placeholder<Float> x = tf.placeholder(Float.class, Placeholder.shape(Shape.make(-1, FEATURES)));
            Placeholder<Float> y = tf.placeholder(Float.class, Placeholder.shape(Shape.make(-1, 1)));
            Operand<Float> e = tf.math.sub(tf.linalg.matMul(x, w), y);
            model = new ModelGraph(tf, session, List.of(x, y),
                    tf.math.mean(tf.math.mul(tf.constant(0.5f), tf.math.mul(e, e)), tf.constant(new int[] {0, 1})), List.of(w));
        }

        @Override
        public void close() {
            session.close();
            graph.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Ellipsoid.class)
    void theLossFallsAndTheCountersAddUp(Ellipsoid ellipsoid) {
        Batch data = data(2048, 1);
        try (LeastSquares problem = new LeastSquares()) {
            EllipsoidalTrustRegion tr = new EllipsoidalTrustRegion(problem.model,
                    TrustRegionConfig.builder(ellipsoid).radius0(0.1).build());
            List<EllipsoidalTrustRegion.Iteration> its = tr.trainFor(600, data, new SeededOrder(data.size(), 2), 128);
            assertEquals(its.size(), tr.iterations());
            assertEquals(its.stream().filter(EllipsoidalTrustRegion.Iteration::accepted).count(), tr.acceptedSteps());
            assertEquals(its.stream().mapToLong(EllipsoidalTrustRegion.Iteration::products).sum(), tr.curvatureProducts());
            assertTrue(tr.backpropagations() >= 600);
            for (int t = 1; t < its.size(); t++) {
                assertEquals(its.get(t - 1).nextRadius(), its.get(t).radius(), 0, "the radius carries over");
            }
            double first = its.get(0).loss();
            double last = its.get(its.size() - 1).loss();
            assertTrue(last < 1e-3 * first, ellipsoid + ": loss " + first + " → " + last);
        }
    }

    @Test
    void aRejectedStepLeavesTheParametersBitForBit() {
        // The paper's saddle f = ½w0² + ¼w1⁴ − ½w1², started beside the saddle: CG meets negative curvature
        // and goes to the boundary of a radius of 10, where the quartic term makes f huge: ρ < 0, rejected.
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            // Two variables of one element each (TF 1.15 cannot differentiate a Gather).
            Variable<Float> w0 = tf.variable(Shape.make(1), Float.class);
            Variable<Float> w1 = tf.variable(Shape.make(1), Float.class);
            session.runner().addTarget(tf.assign(w0, tf.constant(new float[] {0.01f})))
                    .addTarget(tf.assign(w1, tf.constant(new float[] {0.05f}))).run();
            Placeholder<Float> unused = tf.placeholder(Float.class, Placeholder.shape(Shape.make(-1, 1)));
            Operand<Float> w1sq = tf.math.mul(w1, w1);
            Operand<Float> f = tf.reduceSum(tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.mul(w0, w0)),
                    tf.math.sub(tf.math.mul(tf.constant(0.25f), tf.math.mul(w1sq, w1sq)), tf.math.mul(tf.constant(0.5f), w1sq))), tf.constant(0));
            ModelGraph model = new ModelGraph(tf, session, List.of(unused), f, List.of(w0, w1));
            EllipsoidalTrustRegion tr = new EllipsoidalTrustRegion(model,
                    TrustRegionConfig.builder(Ellipsoid.UNIFORM).radius0(10).build());
            ParameterAccess access = new ParameterAccess(model);
            float[] before = ParameterAccess.unflatten(ParameterAccess.flatten(access.read()), List.of(new float[2])).get(0);
            EllipsoidalTrustRegion.Iteration it = tr.step(new Batch(List.of(new float[] {0}), List.of(new long[] {1})));
            assertEquals(SteihaugCg.Reason.NEGATIVE_CURVATURE, it.reason());
            assertTrue(!it.accepted() && it.rho() < 0, "ρ " + it.rho());
            assertArrayEquals(before, ParameterAccess.unflatten(ParameterAccess.flatten(access.read()), List.of(new float[2])).get(0),
                    "parameters restored bit for bit");
            assertEquals(10 / 1.5, tr.radius(), 1e-12);
            assertEquals(0, tr.acceptedSteps());
        }
    }

    private static EllipsoidalTrustRegion rms(LeastSquares problem) {
        return new EllipsoidalTrustRegion(problem.model, TrustRegionConfig.builder(Ellipsoid.RMS).radius0(0.1).build());
    }

    @Test
    void aBatchTheGuardSkipsLeavesTheRunAsIfItHadNotBeenThere() {
        List<Batch> clean = List.of(data(64, 11), data(64, 12), data(64, 13), data(64, 14), data(64, 15), data(64, 16));
        List<float[]> expected;
        EllipsoidalTrustRegion.State expectedState;
        try (LeastSquares problem = new LeastSquares()) {
            EllipsoidalTrustRegion tr = rms(problem);
            clean.forEach(tr::step);
            expected = new ParameterAccess(problem.model).read();
            expectedState = tr.state();
        }
        try (LeastSquares problem = new LeastSquares()) {
            EllipsoidalTrustRegion tr = rms(problem);
            for (int i = 0; i < 3; i++) {
                tr.step(clean.get(i));
            }
            double radius = tr.radius();
            EllipsoidalTrustRegion.Iteration broken = tr.step(data(64, 20, Float.NaN));
            EllipsoidalTrustRegion.Iteration outlier = tr.step(data(64, 21, 1e4f));
            assertEquals(EllipsoidalTrustRegion.Verdict.NON_FINITE, broken.verdict());
            assertEquals(EllipsoidalTrustRegion.Verdict.OUTLIER, outlier.verdict());
            assertEquals(radius, tr.radius(), 0, "a skipped batch keeps the radius");
            for (int i = 3; i < clean.size(); i++) {
                assertEquals(EllipsoidalTrustRegion.Verdict.USED, tr.step(clean.get(i)).verdict());
            }
            List<float[]> actual = new ParameterAccess(problem.model).read();
            for (int v = 0; v < expected.size(); v++) {
                assertArrayEquals(expected.get(v), actual.get(v), "parameters bit for bit");
            }
            assertArrayEquals(expectedState.secondMoments(), tr.state().secondMoments(), "the ellipsoid bit for bit");
            assertEquals(expectedState.radius(), tr.radius(), 0);
            assertEquals(expectedState.accepted(), tr.acceptedSteps());
            assertEquals(1, tr.nonFiniteBatches());
            assertEquals(1, tr.outlierBatches());
            assertEquals(clean.size() + 2, tr.iterations());
        }
    }

    @Test
    void withTheGuardOffAnOutlierBatchIsUsed() {
        try (LeastSquares problem = new LeastSquares()) {
            EllipsoidalTrustRegion tr = new EllipsoidalTrustRegion(problem.model,
                    TrustRegionConfig.builder(Ellipsoid.RMS).radius0(0.1).outlierFactor(Double.POSITIVE_INFINITY).build());
            tr.step(data(64, 11));
            assertEquals(EllipsoidalTrustRegion.Verdict.USED, tr.step(data(64, 21, 1e4f)).verdict());
            assertEquals(0, tr.outlierBatches());
        }
    }

    @Test
    void aRestoredStateContinuesTheRunExactly() {
        List<Batch> batches = List.of(data(64, 31), data(64, 32), data(64, 33), data(64, 34), data(64, 35), data(64, 36));
        List<float[]> expected;
        try (LeastSquares problem = new LeastSquares()) {
            EllipsoidalTrustRegion tr = rms(problem);
            batches.forEach(tr::step);
            expected = new ParameterAccess(problem.model).read();
        }
        EllipsoidalTrustRegion.State saved;
        List<float[]> savedParameters;
        try (LeastSquares problem = new LeastSquares()) {
            EllipsoidalTrustRegion tr = rms(problem);
            for (int i = 0; i < 3; i++) {
                tr.step(batches.get(i));
            }
            saved = tr.state();
            savedParameters = new ParameterAccess(problem.model).read();
        }
        try (LeastSquares problem = new LeastSquares()) {
            new ParameterAccess(problem.model).write(savedParameters);
            EllipsoidalTrustRegion tr = rms(problem);
            tr.restore(saved);
            for (int i = 3; i < batches.size(); i++) {
                tr.step(batches.get(i));
            }
            List<float[]> actual = new ParameterAccess(problem.model).read();
            for (int v = 0; v < expected.size(); v++) {
                assertArrayEquals(expected.get(v), actual.get(v));
            }
            assertEquals(6, tr.iterations());
        }
    }
}
