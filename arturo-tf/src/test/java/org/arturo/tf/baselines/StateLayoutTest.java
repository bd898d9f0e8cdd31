package org.arturo.tf.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.GraphOptimizer;
import org.arturo.tf.GraphUpdate;
import org.arturo.tf.state.PlainStateFactory;
import org.arturo.tf.state.StateFactory;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * The state each baseline asks its host for (names a KotlinDL adapter turns into slots and
 * optimizer variables, and checkpoints keep), and the scalars it exposes.
 */
class StateLayoutTest {
    /** Records every request, then delegates to plain variables. */
    private static final class RecordingFactory implements StateFactory {
        final List<String> requests = new ArrayList<>();
        private final PlainStateFactory delegate = new PlainStateFactory("rec");

        @Override
        public Variable<Float> createSlot(Ops tf, Variable<Float> parameter, String slotName, float initialValue) {
            requests.add(parameter.op().name() + ":" + slotName + "=" + initialValue);
            return delegate.createSlot(tf, parameter, slotName, initialValue);
        }

        @Override
        public Variable<Float> createScalar(Ops tf, String name, float initialValue) {
            requests.add(name + "=" + initialValue);
            return delegate.createScalar(tf, name, initialValue);
        }
    }

    private static List<String> requestsOf(GraphOptimizer optimizer) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Variable<Float> w = tf.withName("w").variable(Shape.make(2), Float.class);
            Variable<Float> b = tf.withName("b").variable(Shape.scalar(), Float.class);
            Placeholder<Float> gw = tf.placeholder(Float.class, Placeholder.shape(Shape.make(2)));
            Placeholder<Float> gb = tf.placeholder(Float.class, Placeholder.shape(Shape.scalar()));
            RecordingFactory factory = new RecordingFactory();
            GraphUpdate update = optimizer.apply(tf, List.of(w, b), List.of(gw, gb), factory);
            List<String> out = new ArrayList<>(factory.requests);
            out.add("scalars " + update.scalars().keySet());
            return out;
        }
    }

    @Test
    void sgdWithMomentum() {
        assertEquals(List.of("w:momentum=0.0", "b:momentum=0.0", "sgd_step=0.0", "sgd_skipped_steps=0.0",
                        "scalars [learningRate, step, skippedSteps]"),
                requestsOf(new SgdOptimizer(SgdConfig.defaults())));
    }

    @Test
    void plainSgdWithoutSkipping() {
        assertEquals(List.of("sgd_step=0.0", "scalars [learningRate, step]"),
                requestsOf(new SgdOptimizer(SgdConfig.builder().momentum(0).skipNonFinite(false).build())));
    }

    @Test
    void adam() {
        assertEquals(List.of("w:m=0.0", "w:v=0.0", "b:m=0.0", "b:v=0.0", "adam_step=0.0", "adam_skipped_steps=0.0",
                        "scalars [learningRate, step, skippedSteps]"),
                requestsOf(new AdamOptimizer(AdamConfig.defaults())));
    }

    @Test
    void adamW() {
        assertEquals(List.of("w:m=0.0", "w:v=0.0", "b:m=0.0", "b:v=0.0", "adamw_step=0.0", "adamw_skipped_steps=0.0",
                        "scalars [learningRate, step, skippedSteps]"),
                requestsOf(new AdamWOptimizer(AdamWConfig.defaults())));
    }

    @Test
    void names() {
        assertEquals("SGD", new SgdOptimizer(SgdConfig.defaults()).name());
        assertEquals("Adam", new AdamOptimizer(AdamConfig.defaults()).name());
        assertEquals("AdamW", new AdamWOptimizer(AdamWConfig.defaults()).name());
    }
}
