package org.arturo.training;

import java.util.Random;

/**
 * The order in which a training loop draws examples: a fresh permutation of the data set per epoch,
 * drawn from the seed and the epoch number, so two runs with the same seed see the same examples in
 * the same order whatever their batch sizes. A batch that runs past the end of an epoch continues in the
 * next epoch's permutation.
 */
public final class SeededOrder {
    private final int size;
    private final long seed;
    private int[] permutation;
    private int position;
    private int epoch;
    private long examplesSeen;

    public SeededOrder(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
        this.size = size;
        this.seed = seed;
        startEpoch(1);
    }

    /** The indices of the next {@code count} examples. */
    public int[] next(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            if (position == size) {
                startEpoch(epoch + 1);
            }
            out[k] = permutation[position++];
        }
        examplesSeen += count;
        return out;
    }

    /** The epoch the next example comes from (1-based). */
    public int epoch() {
        return epoch;
    }

    public long examplesSeen() {
        return examplesSeen;
    }

    /** Where the order stands, for checkpoints: the next example is the {@code position}-th of {@code epoch}. */
    public record Position(int epoch, int position, long examplesSeen) {
    }

    public Position position() {
        return new Position(epoch, position, examplesSeen);
    }

    /** Continues from {@code p}, a position of an order with this size and seed. */
    public void restore(Position p) {
        if (p.epoch() < 1 || p.position() < 0 || p.position() > size || p.examplesSeen() < 0) {
            throw new IllegalArgumentException("position " + p + " is not one of an order over " + size + " examples");
        }
        startEpoch(p.epoch());
        position = p.position();
        examplesSeen = p.examplesSeen();
    }

    private void startEpoch(int e) {
        epoch = e;
        position = 0;
        permutation = new int[size];
        for (int i = 0; i < size; i++) {
            permutation[i] = i;
        }
        Random random = new Random(seed * 1_000_003L + e);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
    }
}
