package org.arturo.training.graph;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Tensor;

/**
 * A batch of m examples: one float array per model input (features, labels, ...), each holding m rows of
 * the input's row shape, row-major. {@link #slice} gives micro-batches without copying the caller's view
 * of the data.
 */
public final class Batch {
    private final List<float[]> values;
    private final List<long[]> rowShapes;
    private final int size;

    /**
     * @param values    per input, m rows of {@code rowShapes.get(i)} elements each
     * @param rowShapes per input, the shape of one example ({@code new long[0]} for a scalar label)
     */
    public Batch(List<float[]> values, List<long[]> rowShapes) {
        if (values.isEmpty() || values.size() != rowShapes.size()) {
            throw new IllegalArgumentException("values: expected one array per row shape (" + rowShapes.size()
                    + "), got " + values.size());
        }
        int rows = -1;
        for (int i = 0; i < values.size(); i++) {
            long row = rowSize(rowShapes.get(i));
            if (values.get(i).length % row != 0) {
                throw new IllegalArgumentException("values[" + i + "] has " + values.get(i).length
                        + " floats, not a whole number of rows of " + row);
            }
            int r = (int) (values.get(i).length / row);
            if (rows >= 0 && r != rows) {
                throw new IllegalArgumentException("values[" + i + "] has " + r + " rows, values[0] " + rows);
            }
            rows = r;
        }
        if (rows < 1) {
            throw new IllegalArgumentException("a batch needs at least one example");
        }
        this.values = List.copyOf(values);
        this.rowShapes = List.copyOf(rowShapes);
        this.size = rows;
    }

    /** m, the number of examples. */
    public int size() {
        return size;
    }

    public int inputs() {
        return values.size();
    }

    /** Examples [from, to) as a new batch. */
    public Batch slice(int from, int to) {
        if (from < 0 || to > size || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of a batch of " + size);
        }
        List<float[]> sliced = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            int row = (int) rowSize(rowShapes.get(i));
            sliced.add(Arrays.copyOfRange(values.get(i), from * row, to * row));
        }
        return new Batch(sliced, rowShapes);
    }

    /** The examples at {@code indices}, in that order, as a new batch (a data set's minibatch). */
    public Batch rows(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("rows: no indices");
        }
        List<float[]> gathered = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            int row = (int) rowSize(rowShapes.get(i));
            float[] out = new float[indices.length * row];
            for (int k = 0; k < indices.length; k++) {
                if (indices[k] < 0 || indices[k] >= size) {
                    throw new IllegalArgumentException("rows: index " + indices[k] + " outside [0, " + size + ")");
                }
                System.arraycopy(values.get(i), indices[k] * row, out, k * row, row);
            }
            gathered.add(out);
        }
        return new Batch(gathered, rowShapes);
    }

    /** Input {@code i} as a tensor of shape [m, row shape...]; the caller closes it. */
    Tensor<Float> tensor(int i) {
        return Tensor.create(shape(i), FloatBuffer.wrap(values.get(i)));
    }

    /** The shape of input {@code i}: [m, row shape...]. */
    public long[] shape(int i) {
        long[] row = rowShapes.get(i);
        long[] shape = new long[row.length + 1];
        shape[0] = size;
        System.arraycopy(row, 0, shape, 1, row.length);
        return shape;
    }

    /** The values of input {@code i}, row-major (not a copy). */
    public float[] values(int i) {
        return values.get(i);
    }

    private static long rowSize(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
