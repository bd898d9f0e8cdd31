package org.arturo.samples.cli

import org.arturo.samples.ellipsoidal.EllipsoidalMethod
import org.arturo.samples.ellipsoidal.EllipsoidalSettings
import org.arturo.samples.ellipsoidal.ellipsoidal
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import java.util.concurrent.Callable

@Command(name = "ellipsoidal", mixinStandardHelpOptions = true, versionProvider = SamplesVersion::class,
    description = ["Sample 6: the ellipsoidal trust region against SGD and Adam.",
        "Trains the paper's 784-128-10 tanh MLP with TR_rms, TR_ada and TR_uni (batch 512) and SGD and Adam",
        "(batch 32) for the same number of backpropagations, several seeds; writes ellipsoidal.csv,",
        "ellipsoidal.md and ellipsoidal.png (default directory: arturo-output/ellipsoidal)."])
class EllipsoidalCommand : Callable<Int> {
    @Mixin
    val data = DataOptions()

    @Mixin
    val output = OutputOptions("arturo-output/ellipsoidal")

    @Option(names = ["--seeds"], paramLabel = "N", description = ["Seeds 0 … N−1 per method (default: \${DEFAULT-VALUE})."])
    var seeds: Int = 3

    @Option(names = ["--backprops"], paramLabel = "N",
        description = ["Backpropagations per run: one per gradient, two per Hv product (default: \${DEFAULT-VALUE})."])
    var backprops: Int = 2000

    @Option(names = ["--batch-size"], paramLabel = "N", description = ["The trust region's batch (default: \${DEFAULT-VALUE})."])
    var batchSize: Int = 512

    @Option(names = ["--baseline-batch-size"], paramLabel = "N", description = ["SGD's and Adam's batch (default: \${DEFAULT-VALUE})."])
    var baselineBatchSize: Int = 32

    @Option(names = ["--eval-every"], paramLabel = "N",
        description = ["Backpropagations between full training-set evaluations (default: \${DEFAULT-VALUE})."])
    var evalEvery: Int = 100

    @Option(names = ["--exact-count-budget"], paramLabel = "N",
        description = ["Also read the trust region where gradients + Hv products reach a quarter, half and all of N,",
            "the unit of results with exact Hv products (default: the --backprops value)."])
    var exactCountBudget: Int? = null

    @Option(names = ["--methods"], split = ",", paramLabel = "NAME",
        description = ["Which methods, in order (default: tr-rms,tr-ada,tr-uni,sgd,adam)."])
    var methods: List<String> = EllipsoidalMethod.KEYS

    /** Every option in range and the output directory writable, before any data is loaded. */
    fun settings(): EllipsoidalSettings {
        requireAtLeast("--seeds", seeds, 1)
        requireAtLeast("--backprops", backprops, 1)
        requireAtLeast("--batch-size", batchSize, 1)
        requireAtLeast("--baseline-batch-size", baselineBatchSize, 1)
        requireAtLeast("--eval-every", evalEvery, 1)
        exactCountBudget?.let { requireAtLeast("--exact-count-budget", it, 1) }
        for (key in methods) {
            requireOption(key.lowercase() in EllipsoidalMethod.KEYS) {
                "--methods: unknown method '$key'; valid: ${EllipsoidalMethod.KEYS.joinToString(",")}"
            }
        }
        methods.groupBy { it.lowercase() }.values.firstOrNull { it.size > 1 }?.let {
            throw InvalidOptionException("--methods: '${it[0]}' is listed ${it.size} times; name each method once")
        }
        data.validate()
        output.prepare()
        return EllipsoidalSettings(EllipsoidalMethod.select(methods), seeds, backprops.toLong(), batchSize, baselineBatchSize,
            evalEvery.toLong(), (exactCountBudget ?: backprops).toLong())
    }

    override fun call(): Int {
        val settings = settings()
        ellipsoidal(data.load(), settings, output.directory)
        return 0
    }
}
