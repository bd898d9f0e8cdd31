package org.arturo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import org.arturo.TestModels.compileWith
import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.telemetry.StepStats
import org.arturo.telemetry.Telemetry
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.baselines.AdamConfig
import org.arturo.tf.baselines.AdamOptimizer
import org.arturo.tf.baselines.AdamPreset
import org.arturo.tf.baselines.AdamWPreset
import org.arturo.tf.baselines.SgdConfig
import org.arturo.tf.baselines.SgdOptimizer
import org.arturo.tf.baselines.SgdPreset
import org.arturo.tf.config.LearningRateConfig
import org.arturo.tf.schedule.Schedules
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue

private val KotlinDlOptimizer.sgdConfig: SgdConfig get() = graphOptimizer().shouldBeInstanceOf<SgdOptimizer>().config()
private val KotlinDlOptimizer.adamConfig: AdamConfig
    get() = graphOptimizer().shouldBeInstanceOf<AdamOptimizer>().config().also { it.decoupledWeightDecay() shouldBe false }
private val KotlinDlOptimizer.adamWConfig: AdamConfig
    get() = graphOptimizer().shouldBeInstanceOf<AdamOptimizer>().config().also { it.decoupledWeightDecay() shouldBe true }

/** The shared learning-rate configuration of whichever baseline this optimizer runs. */
private val KotlinDlOptimizer.learningRateConfig: LearningRateConfig
    get() = when (val core = graphOptimizer()) {
        is SgdOptimizer -> core.config()
        is AdamOptimizer -> core.config()
        else -> error("not a learning-rate baseline: $core")
    }

/** `sgd { }`, `adam { }` and `adamW { }` build the baselines' core configurations, with the shared schedule block. */
class BaselineBuildersSpec : FunSpec({
    test("every sgd property reaches SgdConfig") {
        val clip = ClipGradientByValue(3f)
        val optimizer = sgd {
            learningRate = 0.05
            momentum = 0.8
            weightDecay = 1e-4
            nesterov = true
            skipNonFinite = false
            clipGradient = clip
        }
        val c = optimizer.sgdConfig
        c.learningRate() shouldBe 0.05
        c.momentum() shouldBe 0.8
        c.weightDecay() shouldBe 1e-4
        c.nesterov() shouldBe true
        c.skipNonFinite() shouldBe false
        c.schedule() shouldBeSameInstanceAs Schedules.constant()
        optimizer.clipGradient shouldBeSameInstanceAs clip
        optimizer.optimizerName shouldBe "SGD"
    }

    test("every adam and adamW property reaches its config") {
        val a = adam { learningRate = 2e-3; beta1 = 0.8; beta2 = 0.99; epsilon = 1e-6; weightDecay = 1e-3; skipNonFinite = false }
            .adamConfig
        listOf(a.learningRate(), a.beta1(), a.beta2(), a.epsilon(), a.weightDecay()) shouldBe
            listOf(2e-3, 0.8, 0.99, 1e-6, 1e-3)
        a.skipNonFinite() shouldBe false
        val w = adamW { learningRate = 3e-3; beta1 = 0.7; beta2 = 0.9; epsilon = 1e-7; weightDecay = 0.05; skipNonFinite = false }
            .adamWConfig
        listOf(w.learningRate(), w.beta1(), w.beta2(), w.epsilon(), w.weightDecay()) shouldBe
            listOf(3e-3, 0.7, 0.9, 1e-7, 0.05)
        w.skipNonFinite() shouldBe false
    }

    test("empty blocks are the core defaults; presets supply their tuned values, the block overrides single ones") {
        sgd().sgdConfig.toString() shouldBe SgdConfig.defaults().toString()
        adam().adamConfig.toString() shouldBe AdamConfig.defaults().toString()
        adamW().adamWConfig.toString() shouldBe AdamConfig.adamWDefaults().toString()
        val s = sgd(SgdPreset.CIFAR10_CNN) { learningRate = 0.1 }.sgdConfig
        s.learningRate() shouldBe 0.1
        s.momentum() shouldBe SgdPreset.CIFAR10_CNN.config().momentum()
        s.weightDecay() shouldBe SgdPreset.CIFAR10_CNN.config().weightDecay()
        adam(AdamPreset.CIFAR100_RESNET34).adamConfig.beta2() shouldBe AdamPreset.CIFAR100_RESNET34.config().beta2()
        adamW(AdamWPreset.FASHION_MNIST_RESNET18) { beta1 = 0.5 }.adamWConfig.weightDecay() shouldBe
            AdamWPreset.FASHION_MNIST_RESNET18.config().weightDecay()
    }

    test("adam { } and adamW { } both build AdamOptimizer, without and with decoupled weight decay") {
        val plain = adam()
        val decoupled = adamW()
        plain.graphOptimizer().shouldBeInstanceOf<AdamOptimizer>().config().decoupledWeightDecay() shouldBe false
        decoupled.graphOptimizer().shouldBeInstanceOf<AdamOptimizer>().config().decoupledWeightDecay() shouldBe true
        plain.optimizerName shouldBe "Adam"
        decoupled.optimizerName shouldBe "AdamW"
        plain.adamConfig.weightDecay() shouldBe 0.0
        decoupled.adamWConfig.weightDecay() shouldBe 0.01
        decoupled.adamWConfig.weightDecay() shouldBe AdamConfig.ADAMW_DEFAULT_WEIGHT_DECAY
        adamW { weightDecay shouldBe 0.01 }
        adam { weightDecay shouldBe 0.0 }
        // adam(config) keeps the configuration's flag: AdamW's defaults stay AdamW.
        adam(AdamConfig.adamWDefaults()).adamWConfig.weightDecay() shouldBe 0.01
        adam(AdamConfig.defaults()).adamConfig.weightDecay() shouldBe 0.0
        adamW(AdamWPreset.CIFAR10_CNN).adamWConfig.weightDecay() shouldBe AdamWPreset.CIFAR10_CNN.config().weightDecay()
        adam(AdamPreset.CIFAR10_CNN).adamConfig.weightDecay() shouldBe 0.0
    }

    context("the shared properties reach the core alike for sgd, adam and adamW") {
        val shared: LearningRateScope<*>.() -> Unit = {
            learningRate = 0.02
            weightDecay = 0.003
            skipNonFinite = false
            schedule = multiStep(0.5, 3.steps, 6.steps)
        }
        val expectedSchedule = Schedules.multiStep(0.5, 3, 6)
        listOf<Pair<String, () -> KotlinDlOptimizer>>(
            "sgd" to { sgd(shared) },
            "adam" to { adam(shared) },
            "adamW" to { adamW(shared) },
        ).forEach { (name, build) ->
            test(name) {
                val c = build().learningRateConfig
                c.learningRate() shouldBe 0.02
                c.weightDecay() shouldBe 0.003
                c.skipNonFinite() shouldBe false
                for (t in 0L..10L) withClue("step $t") { c.schedule().factorAt(t) shouldBe expectedSchedule.factorAt(t) }
            }
        }
        test("and each block starts from its own core defaults") {
            sgd().learningRateConfig.let { listOf(it.learningRate(), it.weightDecay(), it.skipNonFinite()) } shouldBe
                SgdConfig.defaults().let { listOf(it.learningRate(), it.weightDecay(), it.skipNonFinite()) }
            adam().learningRateConfig.let { listOf(it.learningRate(), it.weightDecay(), it.skipNonFinite()) } shouldBe
                AdamConfig.defaults().let { listOf(it.learningRate(), it.weightDecay(), it.skipNonFinite()) }
            adamW().learningRateConfig.let { listOf(it.learningRate(), it.weightDecay(), it.skipNonFinite()) } shouldBe
                AdamConfig.adamWDefaults().let { listOf(it.learningRate(), it.weightDecay(), it.skipNonFinite()) }
        }
    }

    test("the schedule block scales the learning rate, in steps or epochs, with the core's schedules") {
        val s = adamW { stepsPerEpoch = 10; schedule = warmup(5.steps, multiStep(0.1, 2.epochs)) }.adamWConfig.schedule()
        val core = Schedules.warmup(5, Schedules.multiStepEpochs(0.1, 10, 2))
        for (t in 0L..30L) withClue("step $t") { s.factorAt(t) shouldBe core.factorAt(t) }
        s.factorAt(0) shouldBe (0.2 plusOrMinus 1e-12)
        s.factorAt(20) shouldBe (0.1 plusOrMinus 1e-12)
        val paper = sgd(SgdPreset.CIFAR10_RESNET34) { stepsPerEpoch = 7; schedule = paperSchedule(16) }.sgdConfig.schedule()
        val expected = SgdPreset.CIFAR10_RESNET34.paperSchedule(16, 7)
        for (t in 0L..120L) withClue("step $t") { paper.factorAt(t) shouldBe expected.factorAt(t) }
    }

    test("the guide's baseline examples build what they say") {
        val momentum = sgd(SgdPreset.FASHION_MNIST_CNN) { stepsPerEpoch = 938; schedule = paperSchedule(20) }
        val plainAdam = adam { learningRate = 1e-3; beta2 = 0.99 }
        val decoupled = adamW { weightDecay = 0.05; stepsPerEpoch = 938; schedule = warmup(500.steps, cosine(20.epochs)) }
        val paper = momentum.sgdConfig.schedule()
        paper.factorAt(10 * 938 - 1) shouldBe 1.0        // milestones at epochs 10 and 15 of 20
        paper.factorAt(10 * 938) shouldBe (0.1 plusOrMinus 1e-12)
        paper.factorAt(15 * 938) shouldBe (0.01 plusOrMinus 1e-12)
        plainAdam.adamConfig.beta2() shouldBe 0.99
        val warm = decoupled.adamWConfig.schedule()
        warm.factorAt(249) shouldBe (0.5 * Schedules.cosine(20L * 938, 0.0).factorAt(249) plusOrMinus 1e-12)
        warm.factorAt(20L * 938) shouldBe (0.0 plusOrMinus 1e-12)
    }

    test("a schedule in epochs without stepsPerEpoch fails when the block ends, naming the block") {
        val e = shouldThrow<InvalidHyperparameterException> { adamW { schedule = cosine(10.epochs) } }
        e.parameter() shouldBe "stepsPerEpoch"
        e.message shouldContain "adamW { }"
    }

    test("invalid values throw the core's exception naming the property") {
        shouldThrow<InvalidHyperparameterException> { sgd { learningRate = 0.0 } }.parameter() shouldBe "learningRate"
        shouldThrow<InvalidHyperparameterException> { sgd { momentum = 1.0 } }.parameter() shouldBe "momentum"
        shouldThrow<InvalidHyperparameterException> { adam { beta2 = Double.NaN } }.parameter() shouldBe "beta2"
        shouldThrow<InvalidHyperparameterException> { adamW { weightDecay = -1.0 } }.parameter() shouldBe "weightDecay"
        // Checked together when the block ends: Nesterov needs a momentum.
        shouldThrow<InvalidHyperparameterException> { sgd { momentum = 0.0; nesterov = true } }.parameter() shouldBe "momentum"
    }

    test("values are judged as the float32s the graph holds") {
        // Each of these gave NaN parameters: 1e40 is ∞ and 1e-50 is 0 in float32.
        shouldThrow<InvalidHyperparameterException> { sgd { learningRate = 1e40 } }.parameter() shouldBe "learningRate"
        shouldThrow<InvalidHyperparameterException> { sgd { weightDecay = 1e40 } }.parameter() shouldBe "weightDecay"
        shouldThrow<InvalidHyperparameterException> { adam { learningRate = 1e40 } }.parameter() shouldBe "learningRate"
        shouldThrow<InvalidHyperparameterException> { adamW { weightDecay = 1e40 } }.parameter() shouldBe "weightDecay"
        val epsilon = shouldThrow<InvalidHyperparameterException> { adam { epsilon = 1e-50 } }
        epsilon.parameter() shouldBe "epsilon"
        epsilon.message shouldContain "it underflows to 0 in float32"
        // 0.9999999999 is 1.0f: 1 − β would be 0.
        shouldThrow<InvalidHyperparameterException> { adam { beta2 = 0.9999999999 } }.parameter() shouldBe "beta2"
        shouldThrow<InvalidHyperparameterException> { adamW { beta1 = 0.9999999999 } }.parameter() shouldBe "beta1"
        shouldThrow<InvalidHyperparameterException> { sgd { momentum = 0.9999999999 } }.parameter() shouldBe "momentum"
    }

    test("lr·weightDecay < 1 at the schedule's largest factor for AdamW and SGD, blaming the value set last") {
        shouldThrow<InvalidHyperparameterException> { adamW { learningRate = 0.5; weightDecay = 3.0 } }
            .parameter() shouldBe "weightDecay"
        shouldThrow<InvalidHyperparameterException> { adamW { weightDecay = 3.0; learningRate = 0.5 } }
            .parameter() shouldBe "learningRate"
        // SGD's coupled decay multiplies θ by 1 − lr·wd too.
        shouldThrow<InvalidHyperparameterException> { sgd { learningRate = 0.5; weightDecay = 3.0 } }
            .parameter() shouldBe "weightDecay"
        // A schedule above 1 used to bypass the check: only base values were checked.
        listOf<Pair<String, () -> Unit>>(
            "adamW" to { adamW { learningRate = 0.5; weightDecay = 1.0; schedule = multiStep(4.0, 10.steps) } },
            "sgd" to { sgd { learningRate = 0.5; weightDecay = 1.0; schedule = piecewise(1.0, 10.steps to 10.0) } },
            "sgd, warm-up" to {
                sgd { learningRate = 0.5; weightDecay = 1.0; schedule = warmup(5.steps, multiStep(3.0, 20.steps)) }
            },
        ).forEach { (name, build) ->
            withClue(name) { shouldThrow<InvalidHyperparameterException> { build() }.parameter() shouldBe "schedule" }
        }
        // Adam's coupled decay goes through the moments: no such bound.
        adam { learningRate = 0.5; weightDecay = 1.0; schedule = multiStep(4.0, 10.steps) }
        // lr_t must be a finite float32: 1e10·1e30 is not.
        shouldThrow<InvalidHyperparameterException> { sgd { learningRate = 1e10; schedule = multiStep(1e30, 5.steps) } }
            .parameter() shouldBe "schedule"
        // exponential(1e10, …) drove the loss to 9e28: rates above 1 are rejected.
        shouldThrow<InvalidHyperparameterException> { sgd { schedule = exponential(1e10, 1.steps) } }.parameter() shouldBe
            "rate"
    }

    test("lengths in epochs are checked as written in every block") {
        val e = shouldThrow<InvalidHyperparameterException> { adamW { schedule = warmup((-2).epochs, cosine(20.epochs)) } }
        e.message shouldBe "warmup length = -2 epochs is invalid: valid range is [1, ∞) epochs"
        shouldThrow<InvalidHyperparameterException> { sgd { stepsPerEpoch = 938; schedule = paperSchedule(50_000) } }
            .parameter() shouldBe "paperSchedule totalEpochs"
    }

    test("a learning-rate schedule in epochs runs in the graph: lr_t read back equals lr · factor(t)") {
        val train = FashionMnist.train(500)
        val optimizer = sgd {
            learningRate = 0.05
            stepsPerEpoch(train, batchSize = 100)
            schedule = multiStep(0.5, 1.epochs, 2.epochs)
        }
        TestModels.mlp().use { model ->
            model.compileWith(optimizer)
            val seen = mutableListOf<StepStats>()
            model.fit(train, epochs = 3, batchSize = 100, callbacks = listOf(Telemetry(optimizer).addStepListener { seen += it }))
            seen.map { it.step } shouldBe (1L..15L).toList()
            // After applied step s the reading is the rate that step used: lr · factor(s − 1).
            seen.map { it.learningRate.toFloat() } shouldBe
                List(5) { 0.05f } + List(5) { 0.025f } + List(5) { 0.0125f }
        }
    }
})
