package org.arturo.tf.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.NoOp;
import org.tensorflow.op.core.Variable;

/**
 * Plain graph variables named {@code <prefix>/<parameter op name>/<slot>} and {@code <prefix>/<scalar>},
 * with their initializers collected into one op: run {@link #initializer(Ops)} once before the first step.
 */
public final class PlainStateFactory implements StateFactory {
    private final String prefix;
    private final List<Variable<Float>> variables = new ArrayList<>();
    private final List<Operand<?>> initializers = new ArrayList<>();
    // TF makes every withSubScope call unique (x, x_1, ...), so each scope is opened once and reused.
    private Ops root;
    private final Map<String, Ops> parameterScopes = new HashMap<>();

    public PlainStateFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Variable<Float> createSlot(Ops tf, Variable<Float> parameter, String slotName, float initialValue) {
        Ops scope = parameterScope(tf, parameter.op().name());
        Variable<Float> slot = scope.withName(slotName).variable(parameter.asOutput().shape(), Float.class);
        initializers.add(scope.withName(slotName + "_init")
                .assign(slot, tf.fill(ParameterShape.of(tf, parameter), tf.constant(initialValue))));
        variables.add(slot);
        return slot;
    }

    @Override
    public Variable<Float> createScalar(Ops tf, String name, float initialValue) {
        Ops scope = root(tf);
        Variable<Float> scalar = scope.withName(name).variable(Shape.scalar(), Float.class);
        Assign<Float> init = scope.withName(name + "_init").assign(scalar, tf.constant(initialValue));
        initializers.add(init);
        variables.add(scalar);
        return scalar;
    }

    /** One op that runs every initializer created so far. */
    public NoOp initializer(Ops tf) {
        return root(tf).withName("init_all").withControlDependencies(initializers).noOp();
    }

    /** Every variable created so far, in creation order. */
    public List<Variable<Float>> variables() {
        return Collections.unmodifiableList(variables);
    }

    private Ops root(Ops tf) {
        if (root == null) {
            root = tf.withSubScope(prefix);
        }
        return root;
    }

    private Ops parameterScope(Ops tf, String parameterName) {
        return parameterScopes.computeIfAbsent(parameterName, name -> {
            Ops scope = root(tf);
            for (String part : name.split("/")) {
                scope = scope.withSubScope(part);
            }
            return scope;
        });
    }
}
