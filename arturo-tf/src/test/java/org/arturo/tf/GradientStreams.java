package org.arturo.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic gradient streams for teacher-forced tests. */
public final class GradientStreams {
    private GradientStreams() {
    }

    /** Independent N(0, scale²) gradients, one list per step. */
    public static List<List<double[]>> gaussian(List<long[]> shapes, int steps, double scale, long seed) {
        Random random = new Random(seed);
        List<List<double[]>> stream = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            List<double[]> grads = new ArrayList<>();
            for (long[] shape : shapes) {
                double[] g = new double[size(shape)];
                for (int j = 0; j < g.length; j++) {
                    g[j] = scale * random.nextGaussian();
                }
                grads.add(g);
            }
            stream.add(grads);
        }
        return stream;
    }

    public static List<double[]> randomValues(List<long[]> shapes, double scale, long seed) {
        return gaussian(shapes, 1, scale, seed).get(0);
    }

    public static int size(long[] shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        return n;
    }

    /** A copy of {@code grads} with one element replaced. */
    public static List<double[]> poisoned(List<double[]> grads, int tensor, int element, double value) {
        List<double[]> copy = new ArrayList<>();
        for (double[] g : grads) {
            copy.add(g.clone());
        }
        copy.get(tensor)[element] = value;
        return copy;
    }
}
