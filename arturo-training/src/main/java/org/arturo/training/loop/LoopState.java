package org.arturo.training.loop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a training method carries from one step to the next beside the graph's variables, as named
 * values a checkpoint can hold: counters (exact longs), numbers and arrays of doubles.
 */
public final class LoopState {
    private final Map<String, Long> counters;
    private final Map<String, Double> numbers;
    private final Map<String, double[]> arrays;

    public LoopState(Map<String, Long> counters, Map<String, Double> numbers, Map<String, double[]> arrays) {
        this.counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        this.numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, Long> counters() { return counters; }

    public Map<String, Double> numbers() { return numbers; }

    public Map<String, double[]> arrays() { return arrays; }

    /** @throws IllegalArgumentException naming {@code key} when the state has no such counter */
    public long counter(String key) {
        return require(counters, key, "counter");
    }

    public int intCounter(String key) {
        long v = counter(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("state: counter " + key + " = " + v + " is not an int");
        }
        return (int) v;
    }

    public double number(String key) {
        return require(numbers, key, "number");
    }

    public double[] array(String key) {
        return require(arrays, key, "array").clone();
    }

    private static <T> T require(Map<String, T> map, String key, String kind) {
        T v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException("state: no " + kind + " \"" + key + "\" (it holds " + map.keySet() + ")");
        }
        return v;
    }

    public static final class Builder {
        private final Map<String, Long> counters = new LinkedHashMap<>();
        private final Map<String, Double> numbers = new LinkedHashMap<>();
        private final Map<String, double[]> arrays = new LinkedHashMap<>();

        public Builder counter(String key, long value) { counters.put(key, value); return this; }

        public Builder number(String key, double value) { numbers.put(key, value); return this; }

        public Builder array(String key, double[] value) { arrays.put(key, value.clone()); return this; }

        public LoopState build() {
            return new LoopState(counters, numbers, arrays);
        }
    }
}
