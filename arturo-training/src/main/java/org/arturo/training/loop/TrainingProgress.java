package org.arturo.training.loop;

import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar over a loop's budget, with the running loss of the last steps and the method's first
 * scalar (CABS's batch size, the trust region's radius). On a terminal it redraws in place; when output
 * goes to a file it prints a plain line every 30 seconds instead.
 */
public final class TrainingProgress implements TrainingListener {
    private final Budget budget;
    private final ProgressBar bar;
    private double averageLoss = Double.NaN;

    private TrainingProgress(Budget budget, ProgressBar bar) {
        this.budget = budget;
        this.bar = bar;
    }

    /** Binds the bar to the budget of {@code loop} and returns the loop with this listener added. */
    public static TrainingLoop attach(TrainingLoop loop, String task) {
        return loop.listener(new TrainingProgress(loop.budget(), build(task, loop.budget(), loop.budget().spent(loop.method()))));
    }

    @Override
    public void onStep(StepReport r) {
        if (Double.isFinite(r.loss())) {
            averageLoss = Double.isNaN(averageLoss) ? r.loss() : 0.95 * averageLoss + 0.05 * r.loss();
        }
        StringBuilder message = new StringBuilder(String.format(Locale.ROOT, " loss %.4f", averageLoss));
        r.values().entrySet().stream().findFirst()
                .ifPresent(e -> message.append(String.format(Locale.ROOT, " %s %.4g", e.getKey(), e.getValue())));
        bar.setExtraMessage(message.toString());
        bar.stepTo(Math.min(budget.amount(), budget.spent(r)));
    }

    @Override
    public void onEnd(TrainingLoop.Summary summary, Throwable failure) {
        bar.close();
    }

    private static ProgressBar build(String task, Budget budget, long start) {
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(budget.amount())
                .startsFrom(start, java.time.Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" " + budget.unit().name().toLowerCase(Locale.ROOT), 1)
                .setMaxRenderedLength(110);
        if (System.console() == null) {
            b.setConsumer(new DelegatingProgressBarConsumer(System.err::println, 100)).setUpdateIntervalMillis(30_000);
        } else {
            b.setUpdateIntervalMillis(250);
        }
        return b.build();
    }
}
