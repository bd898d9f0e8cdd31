package org.arturo.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.arturo.tf.InvalidHyperparameterException;
import org.junit.jupiter.api.Test;

/** The loop on a scripted method: budgets in each unit, what listeners hear, failures. */
class TrainingLoopTest {
    /** Steps of {@code batch} examples and {@code cost} backpropagations each; throws at step {@code failAt}. */
    private static final class Scripted implements TrainingMethod {
        final int batch;
        final int cost;
        final long failAt;
        long steps;

        Scripted(int batch, int cost, long failAt) {
            this.batch = batch;
            this.cost = cost;
            this.failAt = failAt;
        }

        record Report(long step, double loss, long examplesSeen, long backpropagations) implements StepReport {
            @Override
            public Map<String, Double> values() {
                return Map.of("batch", 1.0);
            }
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public StepReport step() {
            if (steps + 1 == failAt) {
                throw new IllegalStateException("step " + failAt + " failed");
            }
            steps++;
            return new Report(steps, 1.0 / steps, examplesSeen(), backpropagations());
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public long examplesSeen() {
            return steps * batch;
        }

        @Override
        public long backpropagations() {
            return steps * cost;
        }
    }

    private static final class Recorder implements TrainingListener {
        final List<Long> steps = new ArrayList<>();
        final List<TrainingLoop.Summary> ends = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();

        @Override
        public void onStep(StepReport report) {
            steps.add(report.step());
        }

        @Override
        public void onEnd(TrainingLoop.Summary summary, Throwable failure) {
            ends.add(summary);
            failures.add(failure);
        }
    }

    @Test
    void eachBudgetStopsAtTheFirstStepThatReachesIt() {
        assertEquals(7, TrainingLoop.of(new Scripted(32, 3, -1), Budget.steps(7)).run().steps());
        TrainingLoop.Summary examples = TrainingLoop.of(new Scripted(32, 3, -1), Budget.examples(100)).run();
        assertEquals(4, examples.steps());
        assertEquals(128, examples.examplesSeen());
        TrainingLoop.Summary backprops = TrainingLoop.of(new Scripted(32, 3, -1), Budget.backpropagations(10)).run();
        assertEquals(4, backprops.steps());
        assertEquals(12, backprops.backpropagations());
    }

    @Test
    void listenersHearEveryStepInOrderAndTheEndOnce() {
        Recorder r = new Recorder();
        TrainingLoop.Summary s = TrainingLoop.of(new Scripted(8, 1, -1), Budget.steps(5)).listener(r).run();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), r.steps);
        assertEquals(1, r.ends.size());
        assertSame(s, r.ends.get(0));
        assertNull(r.failures.get(0));
        assertEquals(5, s.last().step());
    }

    @Test
    void aFailingStepEndsTheListenersWithTheFailureAndPropagates() {
        Recorder r = new Recorder();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TrainingLoop.of(new Scripted(8, 1, 4), Budget.steps(10)).listener(r).run());
        assertEquals(List.of(1L, 2L, 3L), r.steps);
        assertSame(e, r.failures.get(0));
        assertEquals(3, r.ends.get(0).steps());
    }

    @Test
    void aResumedMethodContinuesItsCount() {
        Scripted method = new Scripted(8, 1, -1);
        TrainingLoop.of(method, Budget.steps(3)).run();
        Recorder r = new Recorder();
        TrainingLoop.of(method, Budget.steps(5)).listener(r).run();
        assertEquals(List.of(4L, 5L), r.steps);
    }

    @Test
    void aBudgetBelowOneIsRefusedNamingItsUnit() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class, () -> Budget.examples(0));
        assertTrue(e.getMessage().contains("examples"), e.getMessage());
    }
}
