package org.arturo.training.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Drives a {@link TrainingMethod} until its {@link Budget} is spent, telling every listener about each
 * step and about the end (also when a step throws, before the exception propagates).
 * <pre>
 *   TrainingLoop.Summary s = TrainingLoop.of(method, Budget.backpropagations(2000))
 *           .listener(new TrainingProgress("TR_rms"))
 *           .run();
 * </pre>
 */
public final class TrainingLoop {
    /** What a run did. */
    public record Summary(String method, Budget budget, long steps, long examplesSeen, long backpropagations,
                          double seconds, StepReport last) {
    }

    private final TrainingMethod method;
    private final Budget budget;
    private final List<TrainingListener> listeners = new ArrayList<>();

    private TrainingLoop(TrainingMethod method, Budget budget) {
        this.method = Objects.requireNonNull(method, "method");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    public static TrainingLoop of(TrainingMethod method, Budget budget) {
        return new TrainingLoop(method, budget);
    }

    public TrainingLoop listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public TrainingMethod method() {
        return method;
    }

    public Budget budget() {
        return budget;
    }

    /** Steps until the budget is reached; a method that resumed from a checkpoint continues its count. */
    public Summary run() {
        long start = System.nanoTime();
        StepReport last = null;
        try {
            while (!budget.reached(method)) {
                last = method.step();
                for (TrainingListener l : listeners) {
                    l.onStep(last);
                }
            }
        } catch (RuntimeException | Error e) {
            Summary partial = summary(start, last);
            for (TrainingListener l : listeners) {
                try {
                    l.onEnd(partial, e);
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        Summary done = summary(start, last);
        for (TrainingListener l : listeners) {
            l.onEnd(done, null);
        }
        return done;
    }

    private Summary summary(long start, StepReport last) {
        return new Summary(method.name(), budget, method.steps(), method.examplesSeen(), method.backpropagations(),
                (System.nanoTime() - start) / 1e9, last);
    }
}
