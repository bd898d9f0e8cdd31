package org.arturo.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeededOrderTest {
    @Test
    void everyEpochIsAPermutationAndTheSeedFixesTheOrderWhateverTheBatchSizes() {
        SeededOrder a = new SeededOrder(10, 3);
        int[] first = new int[20];
        int k = 0;
        for (int size : new int[] {3, 7, 4, 6}) {
            int[] next = a.next(size);
            System.arraycopy(next, 0, first, k, size);
            k += size;
        }
        assertEquals(20, a.examplesSeen());
        int[] epoch1 = Arrays.copyOfRange(first, 0, 10);
        int[] epoch2 = Arrays.copyOfRange(first, 10, 20);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Arrays.stream(epoch1).sorted().toArray());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Arrays.stream(epoch2).sorted().toArray());
        assertNotEquals(Arrays.toString(epoch1), Arrays.toString(epoch2), "a fresh permutation per epoch");

        SeededOrder b = new SeededOrder(10, 3);
        int[] second = new int[20];
        for (int i = 0; i < 20; i++) {
            second[i] = b.next(1)[0];
        }
        assertArrayEquals(first, second);
        assertEquals(3, b.epoch() + 1);
    }

    @Test
    void aRestoredPositionContinuesTheSameOrder() {
        SeededOrder a = new SeededOrder(10, 7);
        a.next(13);
        SeededOrder.Position p = a.position();
        assertEquals(new SeededOrder.Position(2, 3, 13), p);
        int[] expected = a.next(12);
        SeededOrder b = new SeededOrder(10, 7);
        b.restore(p);
        assertArrayEquals(expected, b.next(12));
        assertEquals(25, b.examplesSeen());
        assertEquals(3, b.epoch());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> b.restore(new SeededOrder.Position(1, 11, 0)));
    }
}
