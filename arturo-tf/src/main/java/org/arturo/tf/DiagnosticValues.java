package org.arturo.tf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One reading of an optimizer's {@link Diagnostics}. */
public final class DiagnosticValues {
    private final Map<Diagnostic, Double> values;

    DiagnosticValues(Map<Diagnostic, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** True when the optimizer reports {@code diagnostic}. */
    public boolean has(Diagnostic diagnostic) {
        return values.containsKey(diagnostic);
    }

    /**
     * The value of {@code diagnostic}.
     *
     * @throws IllegalArgumentException when the optimizer does not report it
     */
    public double get(Diagnostic diagnostic) {
        Double value = values.get(diagnostic);
        if (value == null) {
            throw new IllegalArgumentException("this optimizer does not report '" + diagnostic + "'; it reports "
                    + values.keySet());
        }
        return value;
    }

    /** A counter diagnostic (steps, passes) as a whole number. */
    public long count(Diagnostic diagnostic) {
        return Math.round(get(diagnostic));
    }

    /** Applied steps so far. */
    public long step() {
        return count(Diagnostic.STEP);
    }

    /** Steps skipped as non-finite so far; 0 when the optimizer does not skip. */
    public long skippedSteps() {
        return has(Diagnostic.SKIPPED_STEPS) ? count(Diagnostic.SKIPPED_STEPS) : 0;
    }

    /** Steps skipped as outliers so far; 0 when the optimizer's outlier guard is off. */
    public long outlierSteps() {
        return has(Diagnostic.OUTLIER_STEPS) ? count(Diagnostic.OUTLIER_STEPS) : 0;
    }

    /** Every value by diagnostic name, in the optimizer's order. */
    public Map<String, Double> asMap() {
        Map<String, Double> byName = new LinkedHashMap<>();
        values.forEach((k, v) -> byName.put(k.name(), v));
        return Collections.unmodifiableMap(byName);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
