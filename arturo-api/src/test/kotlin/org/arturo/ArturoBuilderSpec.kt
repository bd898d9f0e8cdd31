package org.arturo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import org.arturo.tf.ArturoConfig
import org.arturo.tf.ArturoOptimizer
import org.arturo.tf.ArturoPreset
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.Solver
import org.arturo.tf.SurrogateModel
import org.arturo.tf.schedule.Schedule
import org.arturo.tf.schedule.Schedules
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue
import org.jetbrains.kotlinx.dl.api.core.optimizer.NoClipGradient
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset

class ArturoBuilderSpec : FunSpec({
    test("every property of the block reaches the core configuration") {
        val clip = ClipGradientByValue(2f)
        val optimizer = arturo {
            epsilon = 0.0028
            rho = 0.3
            nu = 1.1
            lambda = 0.002
            q = 0.01
            r = 1.5
            varInit = 0.02
            p0 = 1e-4
            a0 = 0.2
            weightDecay = 1e-4
            solver = Solver.BISECTION
            etaTol = 0.25
            etaMax = 5000.0
            solverTolerance = 0.01
            maxSolverIterations = 12
            fixedEta = 2.5
            surrogate = SurrogateModel.ADAM_MOMENTS
            adamBeta1 = 0.8
            adamBeta2 = 0.99
            clipGradient = clip
        }
        val c = optimizer.arturoConfig
        c.epsilon() shouldBe 0.0028
        c.rho() shouldBe 0.3
        c.nu() shouldBe 1.1
        c.lambda() shouldBe 0.002
        c.q() shouldBe 0.01
        c.r() shouldBe 1.5
        c.varInit() shouldBe 0.02
        c.p0() shouldBe 1e-4
        c.a0() shouldBe 0.2
        c.weightDecay() shouldBe 1e-4
        c.solver() shouldBe Solver.BISECTION
        c.etaTol() shouldBe 0.25
        c.etaMax() shouldBe 5000.0
        c.solverTolerance() shouldBe 0.01
        c.maxSolverIterations() shouldBe 12
        c.fixedEta() shouldBe 2.5
        c.surrogate() shouldBe SurrogateModel.ADAM_MOMENTS
        c.adamBeta1() shouldBe 0.8
        c.adamBeta2() shouldBe 0.99
        c.schedule() shouldBeSameInstanceAs Schedules.constant()
        optimizer.clipGradient shouldBeSameInstanceAs clip
        optimizer.graphOptimizer().shouldBeInstanceOf<ArturoOptimizer>()
        optimizer.optimizerName shouldBe "arTuRO"
    }

    test("an empty block is the core's defaults, without clipping") {
        val optimizer = arturo()
        optimizer.arturoConfig.toString() shouldBe ArturoConfig.defaults().toString()
        optimizer.clipGradient.shouldBeInstanceOf<NoClipGradient>()
    }

    test("the block reads back what it was given and starts from the defaults") {
        arturo {
            epsilon shouldBe ArturoConfig.defaults().epsilon()
            epsilon = 0.01
            epsilon shouldBe 0.01
            stepsPerEpoch shouldBe null
        }
    }

    test("a preset supplies its tuned values; the block overrides single ones") {
        val preset = ArturoPreset.CIFAR10_RESNET34
        val c = arturo(preset) { epsilon = 0.01 }.arturoConfig
        c.epsilon() shouldBe 0.01
        c.rho() shouldBe preset.rho()
        c.r() shouldBe preset.r()
        c.q() shouldBe preset.q()
        c.weightDecay() shouldBe preset.weightDecay()
        c.nu() shouldBe ArturoConfig.defaults().nu()
    }

    test("a base configuration keeps its schedule unless the block replaces it") {
        val base = ArturoConfig.builder().schedule(Schedules.multiStep(0.5, 3)).build()
        val c = arturo(base) { rho = 0.1 }.arturoConfig
        c.rho() shouldBe 0.1
        c.schedule() shouldBeSameInstanceAs base.schedule()
        arturo(base) { schedule = constant() }.arturoConfig.schedule() shouldBeSameInstanceAs Schedules.constant()
    }

    context("schedules map onto the core's, in steps and in epochs") {
        val spe = 10L
        data class Case(val name: String, val dsl: ArturoBuilder.() -> ScheduleSpec, val core: Schedule)
        listOf(
            Case("multiStep in epochs", { multiStep(0.1, 2.epochs, 3.epochs) }, Schedules.multiStepEpochs(0.1, spe, 2, 3)),
            Case("multiStep in steps", { multiStep(0.5, 7.steps, 25.steps) }, Schedules.multiStep(0.5, 7, 25)),
            Case("exponential per epoch", { exponential(0.9, 1.epochs, staircase = true) }, Schedules.exponentialEpochs(0.9, spe)),
            Case("exponential smooth", { exponential(0.5, 20.steps) }, Schedules.exponential(0.5, 20, false)),
            Case("cosine in epochs", { cosine(3.epochs, floor = 0.1) }, Schedules.cosineEpochs(3, 0.1, spe)),
            Case("warm-up in steps, then cosine in epochs", { warmup(5.steps, cosine(3.epochs)) },
                Schedules.warmup(5, Schedules.cosine(30, 0.0))),
            Case("warm-up in epochs, then multiStep", { warmup(1.epochs, multiStep(0.1, 2.epochs)) },
                Schedules.warmupEpochs(1, spe, Schedules.multiStepEpochs(0.1, spe, 2))),
            Case("piecewise in epochs", { piecewise(1.0, 1.epochs to 0.5, 2.epochs to 0.25) },
                Schedules.piecewiseEpochs(longArrayOf(1, 2), doubleArrayOf(1.0, 0.5, 0.25), spe)),
            Case("paper schedule of the preset", { paperSchedule(8) }, ArturoPreset.FASHION_MNIST_CNN.paperSchedule(8, spe)),
        ).forEach { case ->
          test(case.name) {
            val schedule = arturo { stepsPerEpoch = spe.toInt(); schedule = case.dsl(this) }.arturoConfig.schedule()
            for (t in 0L..45L) {
                withClue("step $t") { schedule.factorAt(t) shouldBe case.core.factorAt(t) }
            }
          }
        }
    }

    test("schedule factors at chosen steps are the documented values") {
        val c = arturo {
            epsilon = 0.01
            stepsPerEpoch = 10
            schedule = warmup(4.steps, multiStep(0.1, 2.epochs, 3.epochs))
        }.arturoConfig
        val s = c.schedule()
        s.factorAt(0) shouldBe (0.25 plusOrMinus 1e-12)   // (0+1)/4
        s.factorAt(3) shouldBe (1.0 plusOrMinus 1e-12)
        s.factorAt(19) shouldBe (1.0 plusOrMinus 1e-12)
        s.factorAt(20) shouldBe (0.1 plusOrMinus 1e-12)   // epoch 2 starts at step 20
        s.factorAt(30) shouldBe (0.01 plusOrMinus 1e-12)
    }

    test("stepsPerEpoch may come after the schedule in the block") {
        val s = arturo { schedule = multiStep(0.1, 2.epochs); stepsPerEpoch = 5 }.arturoConfig.schedule()
        s.factorAt(9) shouldBe 1.0
        s.factorAt(10) shouldBe (0.1 plusOrMinus 1e-12)
    }

    test("stepsPerEpoch(dataset, batchSize) counts KotlinDL's minibatches, the last one partial") {
        val dataset = OnHeapDataset.create(Array(130) { FloatArray(1) }, FloatArray(130))
        val s = arturo { stepsPerEpoch(dataset, batchSize = 64); schedule = multiStep(0.5, 1.epochs) }.arturoConfig.schedule()
        s.factorAt(2) shouldBe 1.0   // 130 images in batches of 64: 3 steps per epoch
        s.factorAt(3) shouldBe 0.5
    }

    test("a schedule in epochs without stepsPerEpoch fails when the block ends, naming stepsPerEpoch") {
        val e = shouldThrow<InvalidHyperparameterException> { arturo { schedule = cosine(10.epochs) } }
        e.parameter() shouldBe "stepsPerEpoch"
        e.message shouldContain "stepsPerEpoch"
        e.message shouldContain "epochs"
    }

    test("a schedule in steps needs no stepsPerEpoch") {
        arturo { schedule = cosine(100.steps) }.arturoConfig.schedule().factorAt(100) shouldBe (0.0 plusOrMinus 1e-12)
    }

    context("invalid values throw the core's exception, naming the property, at the line that sets them") {
        data class Bad(val property: String, val set: ArturoBuilder.() -> Unit, val core: () -> Unit)
        val b = ArturoConfig.builder()
        listOf(
            Bad("epsilon", { epsilon = 0.0 }, { b.epsilon(0.0) }),
            Bad("epsilon", { epsilon = Double.NaN }, { b.epsilon(Double.NaN) }),
            Bad("rho", { rho = -1.0 }, { b.rho(-1.0) }),
            Bad("nu", { nu = Double.POSITIVE_INFINITY }, { b.nu(Double.POSITIVE_INFINITY) }),
            Bad("lambda", { lambda = 0.0 }, { b.lambda(0.0) }),
            Bad("q", { q = -0.1 }, { b.q(-0.1) }),
            Bad("r", { r = 0.0 }, { b.r(0.0) }),
            Bad("varInit", { varInit = 0.0 }, { b.varInit(0.0) }),
            Bad("p0", { p0 = -1e-5 }, { b.p0(-1e-5) }),
            Bad("a0", { a0 = -1.0 }, { b.a0(-1.0) }),
            Bad("weightDecay", { weightDecay = -1.0 }, { b.weightDecay(-1.0) }),
            Bad("etaTol", { etaTol = 0.0 }, { b.etaTol(0.0) }),
            Bad("etaMax", { etaMax = -5.0 }, { b.etaMax(-5.0) }),
            Bad("solverTolerance", { solverTolerance = 0.5 }, { b.solverTolerance(0.5) }),
            Bad("maxSolverIterations", { maxSolverIterations = 0 }, { b.maxSolverIterations(0) }),
            Bad("fixedEta", { fixedEta = 0.0 }, { b.fixedEta(0.0) }),
            Bad("adamBeta1", { adamBeta1 = 1.0 }, { b.adamBeta1(1.0) }),
            Bad("adamBeta2", { adamBeta2 = 0.0 }, { b.adamBeta2(0.0) }),
        ).forEachIndexed { i, bad ->
          test("${bad.property} (case ${i + 1})") {
            val expected = shouldThrow<InvalidHyperparameterException> { bad.core() }
            var reachedNextLine = false
            val e = shouldThrow<InvalidHyperparameterException> {
                arturo { bad.set(this); reachedNextLine = true }
            }
            reachedNextLine shouldBe false
            e.parameter() shouldBe bad.property
            e.message shouldBe expected.message
            e.message shouldContain bad.property
          }
        }
    }

    test("stepsPerEpoch, gamma and milestones are checked with the core's rules") {
        shouldThrow<InvalidHyperparameterException> { arturo { stepsPerEpoch = 0 } }.parameter() shouldBe "stepsPerEpoch"
        shouldThrow<InvalidHyperparameterException> { arturo { schedule = multiStep(-0.5, 10.steps) } }
            .parameter() shouldBe "gamma"
        shouldThrow<InvalidHyperparameterException> { arturo { schedule = multiStep(0.5, 10.steps, 5.steps) } }
            .parameter() shouldBe "milestones[1]"
        // In epochs, the check waits for stepsPerEpoch, then names the same parameter.
        shouldThrow<InvalidHyperparameterException> { arturo { schedule = cosine(2.epochs, floor = 2.0); stepsPerEpoch = 3 } }
            .parameter() shouldBe "floor"
    }

    test("weight decay and epsilon are checked together when the block ends") {
        val e = shouldThrow<InvalidHyperparameterException> { arturo { epsilon = 0.5; weightDecay = 3.0 } }
        e.parameter() shouldBe "weightDecay"
    }
})
