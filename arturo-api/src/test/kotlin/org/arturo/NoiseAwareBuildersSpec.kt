package org.arturo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.doubles.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import org.arturo.TestModels.compileWith
import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.telemetry.StepStats
import org.arturo.telemetry.Telemetry
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.baselines.SgdPreset
import org.arturo.tf.noise.NoiseAwareConfig
import org.arturo.tf.noise.NoiseAwareConfig.Method
import org.arturo.tf.noise.NoiseAwareDiagnostics
import org.arturo.tf.noise.NoiseAwareOptimizer
import org.arturo.tf.schedule.Schedules
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue

private val KotlinDlOptimizer.noiseConfig: NoiseAwareConfig
    get() = graphOptimizer().shouldBeInstanceOf<NoiseAwareOptimizer>().config()

/** `ssd { }`, `msgd { }`, `mssd { }`, `svag { }`, `msvag { }`, `adamStar { }` build the core's NoiseAwareConfig. */
class NoiseAwareBuildersSpec : FunSpec({
    test("every msvag property reaches NoiseAwareConfig") {
        val clip = ClipGradientByValue(2f)
        val optimizer = msvag {
            learningRate = 0.3
            beta = 0.8
            weightDecay = 1e-4
            skipNonFinite = true
            outlierFactor = 50.0
            schedule = multiStep(0.2, 30.steps, 45.steps)
            clipGradient = clip
        }
        val c = optimizer.noiseConfig
        c.method() shouldBe Method.M_SVAG
        c.learningRate() shouldBe 0.3
        c.beta() shouldBe 0.8
        c.weightDecay() shouldBe 1e-4
        c.skipNonFinite() shouldBe true
        c.outlierFactor() shouldBe 50.0
        val expected = Schedules.multiStep(0.2, 30, 45)
        for (t in 0L..60L) withClue("step $t") { c.schedule().factorAt(t) shouldBe expected.factorAt(t) }
        optimizer.clipGradient shouldBeSameInstanceAs clip
        optimizer.optimizerName shouldBe "M-SVAG"
    }

    test("each block builds its method; the shared properties reach the core alike") {
        val blocks = listOf(
            Method.M_SGD to { b: NoiseAwareBuilder.() -> Unit -> msgd(b) },
            Method.M_SSD to { b: NoiseAwareBuilder.() -> Unit -> mssd(b) },
            Method.SVAG to { b: NoiseAwareBuilder.() -> Unit -> svag(b) },
            Method.M_SVAG to { b: NoiseAwareBuilder.() -> Unit -> msvag(b) },
            Method.ADAM_STAR to { b: NoiseAwareBuilder.() -> Unit -> adamStar(b) },
        )
        for ((method, build) in blocks) withClue(method) {
            val optimizer = build {
                this.method shouldBe method
                beta shouldBe 0.9
                learningRate = 0.02
                beta = 0.95
                weightDecay = 1e-3
                skipNonFinite = false
                stepsPerEpoch = 10
                schedule = multiStep(0.5, 2.epochs)
            }
            val c = optimizer.noiseConfig
            listOf(c.method(), c.learningRate(), c.beta(), c.weightDecay(), c.skipNonFinite()) shouldBe
                listOf(method, 0.02, 0.95, 1e-3, false)
            c.schedule().factorAt(19) shouldBe 1.0
            c.schedule().factorAt(20) shouldBe 0.5
            optimizer.optimizerName shouldBe method.displayName()
        }
        val s = ssd { learningRate = 3e-4; weightDecay = 1e-5; stepsPerEpoch = 5; schedule = paperSchedule(4) }
        s.noiseConfig.method() shouldBe Method.SSD
        s.noiseConfig.learningRate() shouldBe 3e-4
        s.noiseConfig.weightDecay() shouldBe 1e-5
        val paper = SgdPreset.FASHION_MNIST_CNN.paperSchedule(4, 5)
        for (t in 0L..20L) withClue("step $t") { s.noiseConfig.schedule().factorAt(t) shouldBe paper.factorAt(t) }
        s.noiseConfig.schedule().factorAt(19) shouldBeLessThan 1.0
    }

    test("the learning rate has no default: it reads NaN and a block that never sets it fails") {
        msvag { learningRate.isNaN() shouldBe true; learningRate = 0.1 }
        val e = shouldThrow<InvalidHyperparameterException> { msvag { beta = 0.8 } }
        e.parameter() shouldBe "learningRate"
        e.message shouldContain "no default"
        shouldThrow<InvalidHyperparameterException> { ssd { } }.parameter() shouldBe "learningRate"
    }

    test("a bad value fails at the line that set it, naming the property") {
        shouldThrow<InvalidHyperparameterException> { msvag { beta = 1.0 } }.parameter() shouldBe "beta"
        shouldThrow<InvalidHyperparameterException> { svag { beta = 0.0 } }.parameter() shouldBe "beta"
        shouldThrow<InvalidHyperparameterException> { adamStar { learningRate = -1.0 } }.parameter() shouldBe "learningRate"
        shouldThrow<InvalidHyperparameterException> { noiseAware(Method.SSD) { beta = 0.5 } }.parameter() shouldBe "beta"
        // M-SGD steps along m, so lr·weightDecay < 1 (the decay must not flip the sign); M-SSD steps by signs.
        shouldThrow<InvalidHyperparameterException> { msgd { learningRate = 2.0; weightDecay = 0.6 } }
        mssd { learningRate = 2.0; weightDecay = 0.6 }.noiseConfig.weightDecay() shouldBe 0.6
    }

    test("M-SVAG with the minibatch variance is refused: KotlinDL's fit cannot give it per-example variances") {
        val e = shouldThrow<InvalidHyperparameterException> { noiseAware(Method.M_SVAG_MB) { learningRate = 0.3 } }
        e.message shouldContain "m-svag-mb"
        e.message shouldContain "withGradientVariances"
    }

    test("noiseAware(config) starts from a configuration, method and schedule included") {
        val base = NoiseAwareConfig.builder(Method.ADAM_STAR).learningRate(1e-3).beta(0.99)
            .schedule(Schedules.multiStep(0.1, 100)).build()
        noiseAware(base).noiseConfig.toString() shouldBe base.toString()
        val c = noiseAware(base) { learningRate shouldBe 1e-3; beta shouldBe 0.99; learningRate = 2e-3 }.noiseConfig
        c.method() shouldBe Method.ADAM_STAR
        c.learningRate() shouldBe 2e-3
        c.beta() shouldBe 0.99
        c.schedule().factorAt(100) shouldBe (0.1 plusOrMinus 1e-12)
        noiseAware(Method.of("m-ssd")) { learningRate = 1e-4 }.noiseConfig.method() shouldBe Method.M_SSD
    }

    test("msvag { learningRate = 0.1 } trains a KotlinDL MLP on real Fashion-MNIST: loss falling, accuracy above chance") {
        val train = FashionMnist.train(3000)
        val test = FashionMnist.test(1000)
        val optimizer = msvag { learningRate = 0.1 }
        TestModels.mlp().use { model ->
            model.compileWith(optimizer)
            val telemetry = Telemetry(optimizer)
            val steps = mutableListOf<StepStats>()
            telemetry.addStepListener { steps += it }
            val history = model.fit(train, epochs = 3, batchSize = 64, callbacks = listOf(telemetry))
            val losses = history.epochHistory.map { it.lossValue }
            val accuracy = model.evaluate(test, batchSize = 100).metrics.getValue(Metrics.ACCURACY)
            val factors = steps.map { it[NoiseAwareDiagnostics.MEAN_FACTOR] }
            println("M-SVAG, MLP on 3000 Fashion-MNIST images: epoch losses $losses, test accuracy $accuracy, " +
                "mean factor first ${factors.first()}, last ${factors.last()}")
            losses.zipWithNext().count { (a, b) -> b < a } shouldBe losses.size - 1
            losses.last() shouldBeLessThan 0.8 * losses.first()
            accuracy shouldBeGreaterThan 0.6   // chance is 0.1
            steps.size shouldBe 3 * 47
            steps.last().step shouldBe 3L * 47
            steps.first()[NoiseAwareDiagnostics.MEAN_FACTOR] shouldBeLessThanOrEqual 1.0
            factors.drop(1).forEach { it shouldBeGreaterThan 0.0; it shouldBeLessThan 1.0 }
        }
    }
})
