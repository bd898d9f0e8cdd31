package org.arturo.training.distributed;

import java.util.Arrays;
import java.util.Objects;

/** A float32 tensor on the host: its shape and its values in row-major order. */
public record HostTensor(long[] shape, float[] values) {
    public HostTensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape: dimensions must be at least 0, got " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("values: shape " + Arrays.toString(shape) + " holds " + n
                    + " values, got " + values.length);
        }
    }

    public static HostTensor scalar(float value) {
        return new HostTensor(new long[0], new float[] {value});
    }

    /** The only value of a scalar (or one-element) tensor. */
    public float scalarValue() {
        if (values.length != 1) {
            throw new IllegalStateException("not a scalar: shape " + Arrays.toString(shape));
        }
        return values[0];
    }
}
