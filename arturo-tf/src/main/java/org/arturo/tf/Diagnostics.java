package org.arturo.tf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * The scalars an optimizer writes with every applied step (skipped steps move only their counter).
 * They are optimizer state, so hosts save them with it. Fetch the operands in your own
 * {@code Session.run}, or read them all at once with {@link #read(Session)}.
 */
public final class Diagnostics {
    private final Map<Diagnostic, Operand<Float>> operands;

    private Diagnostics(Map<Diagnostic, Operand<Float>> operands) {
        this.operands = Collections.unmodifiableMap(new LinkedHashMap<>(operands));
    }

    /** Collects diagnostics in the order they are added. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every diagnostic with its operand, in a stable order. */
    public Map<Diagnostic, Operand<Float>> operands() {
        return operands;
    }

    /** The operand of {@code diagnostic}, when this optimizer reports it. */
    public Optional<Operand<Float>> operand(Diagnostic diagnostic) {
        return Optional.ofNullable(operands.get(diagnostic));
    }

    /** Reads every diagnostic in one session run. */
    public DiagnosticValues read(Session session) {
        List<Diagnostic> keys = new ArrayList<>(operands.keySet());
        Session.Runner runner = session.runner();
        keys.forEach(k -> runner.fetch(operands.get(k)));
        List<Tensor<?>> tensors = runner.run();
        try {
            Map<Diagnostic, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                values.put(keys.get(i), (double) tensors.get(i).floatValue());
            }
            return new DiagnosticValues(values);
        } finally {
            tensors.forEach(Tensor::close);
        }
    }

    /** Adds diagnostics one by one; a name may appear once. */
    public static final class Builder {
        private final Map<Diagnostic, Operand<Float>> operands = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(Diagnostic diagnostic, Operand<Float> operand) {
            if (operands.putIfAbsent(diagnostic, operand) != null) {
                throw new IllegalArgumentException("diagnostic '" + diagnostic + "' is already reported");
            }
            return this;
        }

        public Diagnostics build() {
            return new Diagnostics(operands);
        }
    }
}
