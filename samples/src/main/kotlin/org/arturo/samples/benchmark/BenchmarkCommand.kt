package org.arturo.samples.benchmark

import org.arturo.samples.cli.DataOptions
import org.arturo.samples.cli.SamplesVersion
import org.arturo.samples.cli.requireAtLeast
import org.arturo.samples.cli.requireOption
import org.arturo.samples.cli.requireWritableDirectory
import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.samples.compare.PaperOptimizers
import org.arturo.samples.model.WideMlp
import org.arturo.samples.training.TrainingPlan
import org.arturo.tf.arturo.ArturoConfig
import org.arturo.tf.arturo.ArturoOptimizer
import org.arturo.tf.arturo.Solver
import org.arturo.tf.arturo.Surrogate
import org.arturo.tf.kernel.Kernel
import org.arturo.tf.kernel.NativeKernel
import org.arturo.tf.noise.NoiseAwareConfig
import org.arturo.tf.noise.NoiseAwareConfig.Method
import org.arturo.tf.noise.NoiseAwareOptimizer
import org.arturo.tf.baselines.AdamOptimizer
import org.arturo.tf.baselines.AdamPreset
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.concurrent.Callable

@Command(name = "benchmark", mixinStandardHelpOptions = true, versionProvider = SamplesVersion::class,
    description = ["Measures arTuRO against Adam on this machine.",
        "Writes benchmark.md and optimizer-steps.csv; reports ratios measured in one run, nothing is asserted."])
class BenchmarkCommand : Callable<Int> {
    @Mixin
    val data = DataOptions()

    @Option(names = ["--sizes"], split = ",", paramLabel = "N",
        description = ["Parameter counts for the optimizer-step timings (default: 100000,1000000,4000000)."])
    var sizes: List<Long> = listOf(100_000L, 1_000_000L, 4_000_000L)

    @Option(names = ["--steps"], description = ["Timed steps per optimizer and size (default: \${DEFAULT-VALUE})."])
    var steps: Int = 50

    @Option(names = ["--warmup"], description = ["Untimed steps first (default: \${DEFAULT-VALUE})."])
    var warmup: Int = 10

    @Option(names = ["--step-optimizers"], split = ",", paramLabel = "NAME",
        description = ["Only these optimizers in the optimizer-step timings, by their row names (fused Adam, the reference, always runs); default: all.",
            "With fewer optimizers less of other optimizers' state streams through the caches between a step's runs."])
    var stepOptimizers: List<String> = emptyList()

    @Option(names = ["--mlp-epochs"], description = ["Epochs of the real MLP run counting solver passes; 0 skips it (default: \${DEFAULT-VALUE})."])
    var mlpEpochs: Int = 4

    @Option(names = ["--cnn-steps"], description = ["Timed training steps per optimizer in each setting (the CNN at batch 255 and 32, a 1.07M-parameter MLP at 255); 0 skips them (default: \${DEFAULT-VALUE})."])
    var cnnSteps: Int = 40

    @Option(names = ["--cnn-epochs"], description = ["Epochs of the real CNN run counting solver passes; 0 skips it (default: \${DEFAULT-VALUE})."])
    var cnnEpochs: Int = 2

    @Option(names = ["--out"], description = ["Directory for benchmark.md and CSV files (default: \${DEFAULT-VALUE})."])
    var out: Path = Paths.get("benchmark-results")

    override fun call(): Int {
        validate()
        val log = System.err
        val machine = MachineInfo.collect()
        log.println("Memory bandwidth …")
        val bandwidth = listOf(MemoryBandwidth.CACHE_SIZED, MemoryBandwidth.MEMORY_SIZED).map { MemoryBandwidth.measure(it) }

        val native = NativeKernel.load()
        if (!native.loaded()) log.println("The native kernel is unavailable (${native.reason()}): its rows are left out.")
        val candidates = stepCandidates(native.loaded()).filter {
            stepOptimizers.isEmpty() || it === StepCandidate.fusedAdam || it.name in stepOptimizers
        }
        val benchmark = OptimizerStepBenchmark(candidates, warmup, steps)
        val timings = sizes.flatMap { n ->
            log.println("Optimizer step, $n parameters …")
            benchmark.run(n) { log.println(it) }
        }

        val dataset = if (mlpEpochs > 0 || cnnSteps > 0 || cnnEpochs > 0) data.load() else null
        val training = if (cnnSteps > 0) {
            // The steps are timed at the start of a 10-epoch plan: ε and the learning rates are at their initial values.
            val paper = PaperOptimizers(10, TrainingPlan(10).stepsPerEpoch(dataset!!.train.size))
            val contestants = listOfNotNull(
                TrainingStepBenchmark.Candidate("Adam (arturo baseline)", isReference = true) { paper.adam.kotlinDl() },
                TrainingStepBenchmark.Candidate(StepCandidate.ARTURO_EXACT_GRAPH) { kotlinDl(paper, Kernel.GRAPH) },
                TrainingStepBenchmark.Candidate(StepCandidate.ARTURO_EXACT_NATIVE) { kotlinDl(paper, Kernel.NATIVE) }
                    .takeIf { native.loaded() },
                TrainingStepBenchmark.Candidate("arTuRO bisection") { paper.arturoBisection.kotlinDl() },
                TrainingStepBenchmark.Candidate("Adam (KotlinDL built-in)") { org.jetbrains.kotlinx.dl.api.core.optimizer.Adam() },
            )
            val settings = listOf(
                TrainingStepBenchmark(dataset.train, batchSize = CNN_BATCH, setting = BenchmarkReport.CNN_255,
                    warmupSteps = 5, timedSteps = cnnSteps),
                TrainingStepBenchmark(dataset.train, batchSize = QUICK_START_BATCH, setting = BenchmarkReport.CNN_32,
                    warmupSteps = 5, timedSteps = cnnSteps),
                TrainingStepBenchmark(dataset.train, batchSize = CNN_BATCH, setting = BenchmarkReport.MLP_1M,
                    model = { WideMlp.build(42) }, warmupSteps = 5, timedSteps = cnnSteps),
            )
            settings.flatMap { benchmark ->
                log.println("Training steps, interleaved ($cnnSteps per optimizer) …")
                benchmark.run(contestants) { log.println(it) }
            }
        } else emptyList()

        val passes = buildList {
            if (cnnEpochs > 0) {
                log.println("Solver passes on a real CNN run ($cnnEpochs epochs per solver) …")
                addAll(SolverPassStudy.cnn(dataset!!, cnnEpochs))
            }
            if (mlpEpochs > 0) {
                log.println("Solver passes on a real MLP run ($mlpEpochs epochs per solver) …")
                addAll(SolverPassStudy.mlp(dataset!!, mlpEpochs))
            }
        }

        val report = BenchmarkReport(machine, bandwidth, timings, passes, training,
            command = "java -jar samples/target/arturo-samples.jar benchmark " + commandLineArgs())
        Files.createDirectories(out)
        val markdown = report.markdown()
        Files.writeString(out.resolve("benchmark.md"), markdown)
        Files.writeString(out.resolve("optimizer-steps.csv"), stepsCsv(timings))
        println(markdown)
        log.println("Wrote ${out.resolve("benchmark.md")} and optimizer-steps.csv")
        return 0
    }

    /** Every option in range and [out] writable, before anything is measured or loaded. */
    fun validate() {
        requireAtLeast("--steps", steps, 30, "for a meaningful median")
        requireAtLeast("--warmup", warmup, 0)
        for (size in sizes) {
            requireOption(size >= 8 * SyntheticParameters.BIAS) { "--sizes: each must be at least ${8 * SyntheticParameters.BIAS}, was $size" }
        }
        requireOption(cnnSteps == 0 || cnnSteps >= 30) { "--cnn-steps must be 0 or at least 30 for a meaningful median, was $cnnSteps" }
        requireAtLeast("--cnn-epochs", cnnEpochs, 0, "(0 skips the CNN run)")
        requireAtLeast("--mlp-epochs", mlpEpochs, 0, "(0 skips the MLP run)")
        data.validate()
        data.trainLimit?.let { limit ->
            requireOption(cnnSteps == 0 || limit >= CNN_BATCH) {
                "--train-limit must be at least $CNN_BATCH (one batch of the timed CNN steps) unless --cnn-steps is 0, was $limit"
            }
        }
        val known = stepCandidates(nativeLoaded = true).map { it.name }
        for (name in stepOptimizers) {
            requireOption(name in known) { "--step-optimizers: no optimizer named \"$name\"; the names are ${known.joinToString(", ") { "\"$it\"" }}" }
        }
        requireWritableDirectory("--out", out)
    }

    /** Every optimizer of the optimizer-step timings; the native kernel's rows only where it loaded. */
    private fun stepCandidates(nativeLoaded: Boolean): List<StepCandidate> = listOfNotNull(
        StepCandidate.arturo(Solver.EXACT),
        StepCandidate.arturoNative().takeIf { nativeLoaded },
        StepCandidate.arturoNativeHelpersAsScheduled().takeIf { nativeLoaded },
        StepCandidate.arturo(Solver.BISECTION),
        StepCandidate.fusedAdam,
        // The library's Adam: the same fused kernel plus its step counter, schedule and NaN/Inf guard.
        StepCandidate.of("Adam (arturo baseline)", AdamOptimizer(AdamPreset.FASHION_MNIST_CNN.config())),
        StepCandidate.of("arTuRO exact, estimated noise", ArturoOptimizer(ArturoConfig.builder()
            .surrogate(Surrogate.NOISE_AWARE_KALMAN).build())),
    ) + NOISE_AWARE_METHODS.map { method ->
        // The step sizes do not change the work; the thesis's P1 values keep the runs realistic.
        StepCandidate.of(method.displayName(), NoiseAwareOptimizer(NoiseAwareConfig.builder(method).learningRate(1e-3).build()))
    }

    private fun commandLineArgs(): String = buildList {
        add("--sizes ${sizes.joinToString(",")}")
        add("--steps $steps --warmup $warmup --cnn-steps $cnnSteps --cnn-epochs $cnnEpochs --mlp-epochs $mlpEpochs")
        if (stepOptimizers.isNotEmpty()) add("--step-optimizers '${stepOptimizers.joinToString(",")}'")
        data.directory?.let { add("--data $it") }
        if (data.full) add("--full")
        if (data.subset) add("--subset")
    }.joinToString(" ")

    private fun stepsCsv(timings: List<StepTiming>): String = buildString {
        appendLine("parameters,optimizer,median_ns,p10_ns,p90_ns,ns_per_parameter,state_bytes_per_parameter,mean_solver_passes,max_solver_passes")
        timings.forEach { t ->
            appendLine(listOf(t.parameters, "\"${t.optimizer}\"", t.stats.median, t.stats.p10, t.stats.p90,
                t.nsPerParameter, t.stateBytesPerParameter, t.meanSolverPasses ?: "", t.maxSolverPasses ?: "").joinToString(","))
        }
    }

    private companion object {
        /** The paper's batch size, at which the CNN training steps are timed. */
        const val CNN_BATCH = 255

        /** The quick start's batch size, where the update weighs most in the CNN's step. */
        const val QUICK_START_BATCH = 32

        /** The paper's exact arTuRO on one kernel, as a KotlinDL optimizer. */
        fun kotlinDl(paper: PaperOptimizers, kernel: Kernel) =
            KotlinDlOptimizer(ArturoOptimizer(paper.arturoConfig(Solver.EXACT).toBuilder().kernel(kernel).build()))

        /**
         * The noise-aware methods timed in the optimizer-step benchmark. M-SVAG with the minibatch variance
         * is left out: its input, per-example gradient statistics, is what costs, and that is the model's work.
         */
        val NOISE_AWARE_METHODS = Method.values().filter { !it.needsGradientVariances() }
    }
}
