package org.arturo.training.distributed;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/** A {@link GraphRunner} on a local session (the single-process reference). */
public final class LocalRunner implements GraphRunner {
    private final Session session;

    public LocalRunner(Graph graph) {
        this.session = new Session(graph);
    }

    @Override
    public List<HostTensor> run(Map<String, HostTensor> feeds, List<String> fetches, List<String> targets) {
        Session.Runner runner = session.runner();
        List<Tensor<?>> open = new ArrayList<>();
        try {
            feeds.forEach((name, t) -> {
                Tensor<Float> tensor = Tensor.create(t.shape(), FloatBuffer.wrap(t.values()));
                open.add(tensor);
                runner.feed(name, tensor);
            });
            fetches.forEach(runner::fetch);
            targets.forEach(runner::addTarget);
            List<Tensor<?>> results = runner.run();
            open.addAll(results);
            List<HostTensor> out = new ArrayList<>(results.size());
            for (Tensor<?> r : results) {
                float[] values = new float[r.numElements()];
                r.expect(Float.class).writeTo(FloatBuffer.wrap(values));
                out.add(new HostTensor(r.shape(), values));
            }
            return out;
        } finally {
            open.forEach(Tensor::close);
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
