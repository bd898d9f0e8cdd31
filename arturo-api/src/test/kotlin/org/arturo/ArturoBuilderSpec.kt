package org.arturo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.arturo.ArturoConfig
import org.arturo.tf.arturo.ArturoOptimizer
import org.arturo.tf.arturo.ArturoPreset
import org.arturo.tf.arturo.Solver
import org.arturo.tf.arturo.Surrogate
import org.arturo.tf.kernel.HelperPlacement
import org.arturo.tf.kernel.Kernel
import org.arturo.tf.schedule.Schedule
import org.arturo.tf.schedule.Schedules
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue
import org.jetbrains.kotlinx.dl.api.core.optimizer.NoClipGradient
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset

class ArturoBuilderSpec : FunSpec({
    // Each component carries only its own parameters, so the properties are set in one block per
    // solver and per surrogate; together the blocks set every property once.
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
            maxSolverIterations = 12
            clipGradient = clip
        }
        val c = optimizer.arturoConfig
        c.epsilon() shouldBe 0.0028
        c.rho() shouldBe 0.3
        c.nu() shouldBe 1.1
        c.lambda() shouldBe 0.002
        val kalman = c.surrogate().shouldBeInstanceOf<Surrogate.Kalman>()
        kalman.q() shouldBe 0.01
        kalman.r() shouldBe 1.5
        c.varInit() shouldBe 0.02
        kalman.p0() shouldBe 1e-4
        kalman.a0() shouldBe 0.2
        c.surrogate() shouldBe Surrogate.Kalman(0.01, 1.5, 1e-4, 0.2)
        c.weightDecay() shouldBe 1e-4
        val bisection = c.solver().shouldBeInstanceOf<Solver.Bisection>()
        c.solver().name() shouldBe Solver.BISECTION.name()
        bisection.etaTol() shouldBe 0.25
        bisection.etaMax() shouldBe 5000.0
        bisection.maxIterations() shouldBe 12
        c.solver() shouldBe Solver.Bisection(0.25, 5000.0, 12)
        c.schedule() shouldBeSameInstanceAs Schedules.constant()
        optimizer.clipGradient shouldBeSameInstanceAs clip
        optimizer.graphOptimizer().shouldBeInstanceOf<ArturoOptimizer>()
        optimizer.optimizerName shouldBe "arTuRO"

        val exact = arturo { solver = Solver.EXACT; solverTolerance = 0.01; maxSolverIterations = 12 }.arturoConfig.solver()
        exact.shouldBeInstanceOf<Solver.Exact>().tolerance() shouldBe 0.01
        exact.maxIterations() shouldBe 12
        exact shouldBe Solver.Exact(0.01, 12)

        val fixed = arturo { solver = Solver.FIXED; fixedEta = 2.5 }.arturoConfig.solver()
        fixed.shouldBeInstanceOf<Solver.Fixed>().eta() shouldBe 2.5
        fixed shouldBe Solver.Fixed(2.5)

        val moments = arturo { surrogate = Surrogate.ADAM_MOMENTS; adamBeta1 = 0.8; adamBeta2 = 0.99 }.arturoConfig.surrogate()
        moments.name() shouldBe Surrogate.ADAM_MOMENTS.name()
        moments.shouldBeInstanceOf<Surrogate.AdamMoments>().beta1() shouldBe 0.8
        moments.beta2() shouldBe 0.99
        moments shouldBe Surrogate.AdamMoments(0.8, 0.99)
    }

    test("the flat block builds exactly the configuration the core builder does") {
        val dsl = arturo { epsilon = 0.0028; rho = 0.3; nu = 1.2; lambda = 0.002; q = 0.01; r = 2.0 }.arturoConfig
        val core = ArturoConfig.builder().epsilon(0.0028).rho(0.3).nu(1.2).lambda(0.002).q(0.01).r(2.0).build()
        dsl.epsilon() shouldBe core.epsilon()
        dsl.rho() shouldBe core.rho()
        dsl.nu() shouldBe core.nu()
        dsl.lambda() shouldBe core.lambda()
        dsl.varInit() shouldBe core.varInit()
        dsl.weightDecay() shouldBe core.weightDecay()
        dsl.schedule() shouldBeSameInstanceAs core.schedule()
        dsl.solver() shouldBe core.solver()
        dsl.surrogate() shouldBe core.surrogate()
        dsl.surrogate() shouldBe Surrogate.Kalman(0.01, 2.0, Surrogate.KALMAN.p0(), Surrogate.KALMAN.a0())
        dsl.solver() shouldBe Solver.EXACT
        dsl.toString() shouldBe core.toString()
    }

    test("a parameter of the solver in use is set; one of another solver throws, naming the solver in use") {
        val e = shouldThrow<InvalidHyperparameterException> { arturo { etaTol = 0.3 } }
        e.parameter() shouldBe "etaTol"
        e.message shouldContain "solver = EXACT"
        e.message shouldContain "BISECTION"
        arturo { solver = Solver.BISECTION; etaTol = 0.3 }.arturoConfig.solver() shouldBe Solver.Bisection(0.3, 10000.0, 30)
        shouldThrow<InvalidHyperparameterException> { arturo { solver = Solver.FIXED; solverTolerance = 0.01 } }
            .parameter() shouldBe "solverTolerance"
        shouldThrow<InvalidHyperparameterException> { arturo { solver = Solver.FIXED; maxSolverIterations = 5 } }
            .parameter() shouldBe "maxSolverIterations"
        shouldThrow<InvalidHyperparameterException> { arturo { fixedEta = 2.0 } }.parameter() shouldBe "fixedEta"
    }

    test("a parameter of the surrogate in use is set; one of another surrogate throws, naming the surrogate in use") {
        val e = shouldThrow<InvalidHyperparameterException> { arturo { surrogate = Surrogate.ADAM_MOMENTS; q = 0.1 } }
        e.parameter() shouldBe "q"
        e.message shouldContain "surrogate = ADAM_MOMENTS"
        e.message shouldContain "KALMAN"
        arturo { surrogate = Surrogate.ADAM_MOMENTS; adamBeta1 = 0.8 }.arturoConfig.surrogate() shouldBe
            Surrogate.AdamMoments(0.8, 0.999)
        shouldThrow<InvalidHyperparameterException> { arturo { adamBeta2 = 0.99 } }.parameter() shouldBe "adamBeta2"
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

    test("a component's parameters read back from the component in use, NaN for one not in use") {
        arturo {
            solver shouldBe Solver.EXACT
            surrogate shouldBe Surrogate.KALMAN
            solverTolerance shouldBe Solver.EXACT.tolerance()
            maxSolverIterations shouldBe Solver.EXACT.maxIterations()
            q shouldBe Surrogate.KALMAN.q()
            etaTol.isNaN() shouldBe true
            fixedEta.isNaN() shouldBe true
            adamBeta1.isNaN() shouldBe true
            solver = Solver.BISECTION
            etaTol = 0.3
            etaTol shouldBe 0.3
            etaMax shouldBe Solver.BISECTION.etaMax()
            solverTolerance.isNaN() shouldBe true
            solver = Solver.FIXED
            maxSolverIterations shouldBe 0
            fixedEta shouldBe Solver.FIXED.eta()
            surrogate = Surrogate.ADAM_MOMENTS
            adamBeta2 shouldBe Surrogate.ADAM_MOMENTS.beta2()
            q.isNaN() shouldBe true
            r.isNaN() shouldBe true
            p0.isNaN() shouldBe true
            a0.isNaN() shouldBe true
        }
    }

    test("a preset supplies its tuned values; the block overrides single ones") {
        val preset = ArturoPreset.CIFAR10_RESNET34
        val c = arturo(preset) { epsilon = 0.01 }.arturoConfig
        c.epsilon() shouldBe 0.01
        c.rho() shouldBe preset.rho()
        val kalman = c.surrogate().shouldBeInstanceOf<Surrogate.Kalman>()
        kalman.r() shouldBe preset.r()
        kalman.q() shouldBe preset.q()
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
        // A component's parameter is checked once its component is in use: those cases choose it first.
        data class Bad(val property: String, val set: ArturoBuilder.() -> Unit, val core: () -> Unit)
        val b = ArturoConfig.builder()
        fun bisection() = ArturoConfig.builder().solver(Solver.BISECTION)
        fun fixed() = ArturoConfig.builder().solver(Solver.FIXED)
        fun moments() = ArturoConfig.builder().surrogate(Surrogate.ADAM_MOMENTS)
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
            Bad("etaTol", { solver = Solver.BISECTION; etaTol = 0.0 }, { bisection().etaTol(0.0) }),
            Bad("etaMax", { solver = Solver.BISECTION; etaMax = -5.0 }, { bisection().etaMax(-5.0) }),
            Bad("solverTolerance", { solverTolerance = 0.5 }, { b.solverTolerance(0.5) }),
            Bad("maxSolverIterations", { maxSolverIterations = 0 }, { b.maxSolverIterations(0) }),
            Bad("fixedEta", { solver = Solver.FIXED; fixedEta = 0.0 }, { fixed().fixedEta(0.0) }),
            Bad("adamBeta1", { surrogate = Surrogate.ADAM_MOMENTS; adamBeta1 = 1.0 }, { moments().adamBeta1(1.0) }),
            Bad("adamBeta2", { surrogate = Surrogate.ADAM_MOMENTS; adamBeta2 = 0.0 }, { moments().adamBeta2(0.0) }),
            // Finite as doubles, not as the float32s the graph holds.
            Bad("epsilon", { epsilon = 1e-50 }, { b.epsilon(1e-50) }),
            Bad("epsilon", { epsilon = 1e300 }, { b.epsilon(1e300) }),
            Bad("rho", { rho = 1e40 }, { b.rho(1e40) }),
            Bad("lambda", { lambda = 1e40 }, { b.lambda(1e40) }),
            Bad("q", { q = 1e40 }, { b.q(1e40) }),
            Bad("varInit", { varInit = 1e40 }, { b.varInit(1e40) }),
            Bad("p0", { p0 = 1e40 }, { b.p0(1e40) }),
            Bad("a0", { a0 = 1e40 }, { b.a0(1e40) }),
            Bad("weightDecay", { weightDecay = 1e-45 }, { b.weightDecay(1e-45) }),
            Bad("etaMax", { solver = Solver.BISECTION; etaMax = 1e40 }, { bisection().etaMax(1e40) }),
            Bad("fixedEta", { solver = Solver.FIXED; fixedEta = 1e40 }, { fixed().fixedEta(1e40) }),
            Bad("adamBeta2", { surrogate = Surrogate.ADAM_MOMENTS; adamBeta2 = 0.9999999999 },
                { moments().adamBeta2(0.9999999999) }),
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
        // A factor does not depend on stepsPerEpoch: it is checked at once, with the core's name.
        var reached = false
        shouldThrow<InvalidHyperparameterException> { arturo { schedule = cosine(2.epochs, floor = 2.0); reached = true } }
            .parameter() shouldBe "floor"
        reached shouldBe false
    }

    test("weight decay and epsilon are checked together when the block ends, blaming the one set last") {
        val e = shouldThrow<InvalidHyperparameterException> { arturo { epsilon = 0.5; weightDecay = 3.0 } }
        e.parameter() shouldBe "weightDecay"
        shouldThrow<InvalidHyperparameterException> { arturo { weightDecay = 3.0; epsilon = 0.5 } }.parameter() shouldBe "epsilon"
        // epsilon = 1e6 is a float32, but ε·weightDecay (the default 1.54e-6) ≥ 1: epsilon is to blame, not weightDecay.
        shouldThrow<InvalidHyperparameterException> { arturo { epsilon = 1e6 } }.parameter() shouldBe "epsilon"
    }

    test("a schedule is checked at its largest factor, not only at step 0") {
        val e = shouldThrow<InvalidHyperparameterException> {
            arturo { epsilon = 0.5; weightDecay = 1.0; schedule = piecewise(1.0, 10.steps to 10.0) }
        }
        e.parameter() shouldBe "schedule"
        e.message shouldContain "largest factor 10.0"
        shouldThrow<InvalidHyperparameterException> {
            arturo { epsilon = 0.5; weightDecay = 1.0; schedule = warmup(5.steps, multiStep(3.0, 20.steps)) }
        }.parameter() shouldBe "schedule"
        // ε_t = 1e10·1e30 is ∞ in float32: every later step was skipped.
        shouldThrow<InvalidHyperparameterException> {
            arturo { epsilon = 1e10; weightDecay = 0.0; schedule = multiStep(1e30, 5.steps) }
        }.parameter() shouldBe "schedule"
        // Factors below 1 stay allowed, and so does annealing to 0.
        arturo { epsilon = 0.5; weightDecay = 1.9; schedule = cosine(100.steps) }
    }

    test("schedule factors that are not normal float32s are rejected at the line that writes them") {
        var reached = false
        shouldThrow<InvalidHyperparameterException> {
            arturo { schedule = multiStep(1e30, 5.steps, 10.steps); reached = true }
        }.parameter() shouldBe "gamma"
        reached shouldBe false
        // In epochs too, before stepsPerEpoch is known: gamma^2 does not depend on it.
        shouldThrow<InvalidHyperparameterException> { arturo { schedule = multiStep(1e30, 5.epochs, 10.epochs) } }
            .parameter() shouldBe "gamma"
        val rate = shouldThrow<InvalidHyperparameterException> { arturo { schedule = exponential(1e10, 1.steps) } }
        rate.parameter() shouldBe "rate"
        rate.validRange() shouldContain "(0, 1]"
        shouldThrow<InvalidHyperparameterException> { arturo { schedule = exponential(1.5, 1.epochs) } }
            .parameter() shouldBe "rate"
        shouldThrow<InvalidHyperparameterException> { arturo { schedule = cosine(10.epochs, floor = 1e-40) } }
            .parameter() shouldBe "floor"
        shouldThrow<InvalidHyperparameterException> { arturo { schedule = piecewise(1e-50, 3.steps to 0.5) } }
            .parameter() shouldBe "initial"
        shouldThrow<InvalidHyperparameterException> { arturo { schedule = piecewise(1.0, 3.epochs to 1e40) } }
            .parameter() shouldBe "pieces[0] factor"
    }

    context("lengths and milestones are checked as written, in their own unit, before any conversion") {
        data class Written(val parameter: String, val value: String, val range: String, val set: ArturoBuilder.() -> Unit)
        listOf(
            Written("warmup length", "-2 epochs", "[1, ∞) epochs", { schedule = warmup((-2).epochs) }),
            Written("warmup length", "0 steps", "[1, 16777216] steps", { schedule = warmup(0.steps) }),
            Written("cosine over", "0 epochs", "[1, ∞) epochs", { schedule = cosine(0.epochs) }),
            Written("exponential every", "-1 steps", "[1, 16777216] steps", { schedule = exponential(0.9, (-1).steps) }),
            Written("milestones[0]", "0 epochs", "[1, ∞) epochs", { schedule = multiStep(0.1, 0.epochs) }),
            Written("milestones[1]", "3 epochs", "[6, ∞) epochs", { schedule = multiStep(0.1, 5.epochs, 3.epochs) }),
            Written("pieces[0] boundary", "-1 epochs", "[1, ∞) epochs", { schedule = piecewise(1.0, (-1).epochs to 0.5) }),
            Written("paperSchedule totalEpochs", "1 epoch", "[2, ∞) epochs", { schedule = paperSchedule(1) }),
            // Beyond 2^24 steps the float32 step counter stops: the milestone would never be reached.
            Written("milestones[0]", "16777217 steps", "[1, 16777216] steps", { schedule = multiStep(0.1, 16_777_217.steps) }),
            // With stepsPerEpoch known, the bound in epochs is 2^24 / stepsPerEpoch; no "long overflow".
            Written("milestones[0]", "20000 epochs", "[1, 17886] epochs at 938 steps per epoch",
                { stepsPerEpoch = 938; schedule = multiStep(0.1, 20_000.epochs) }),
            Written("milestones[0]", "${Long.MAX_VALUE} epochs", "[1, 17886] epochs at 938 steps per epoch",
                { stepsPerEpoch = 938; schedule = multiStep(0.1, Long.MAX_VALUE.epochs) }),
            Written("cosine over", "${Long.MAX_VALUE / 2} epochs", "[1, 1677721] epochs at 10 steps per epoch",
                { schedule = cosine((Long.MAX_VALUE / 2).epochs); stepsPerEpoch = 10 }),
            Written("warmup length", "3 epochs", "[1, 2] epochs at 8000000 steps per epoch",
                { stepsPerEpoch = 8_000_000; schedule = warmup(3.epochs) }),
            Written("milestones[1]", "1 epoch", "after milestones[0] = 20 steps (1 epoch = 10 steps): strictly increasing",
                { stepsPerEpoch = 10; schedule = multiStep(0.1, 20.steps, 1.epochs) }),
        ).forEach { w ->
            test("${w.parameter} = ${w.value}") {
                val e = shouldThrow<InvalidHyperparameterException> { arturo { w.set(this) } }
                e.parameter() shouldBe w.parameter
                e.value() shouldBe w.value
                e.validRange() shouldStartWith w.range
                e.message shouldStartWith "${w.parameter} = ${w.value} is invalid: valid range is ${w.range}"
            }
        }
        test("the guide's example reads as the user wrote it") {
            shouldThrow<InvalidHyperparameterException> { arturo { schedule = warmup((-2).epochs) } }.message shouldBe
                "warmup length = -2 epochs is invalid: valid range is [1, ∞) epochs"
        }
        test("a milestone in epochs is checked again when stepsPerEpoch arrives, at that line") {
            var reached = false
            val e = shouldThrow<InvalidHyperparameterException> {
                arturo { schedule = multiStep(0.1, 20_000.epochs); stepsPerEpoch = 938; reached = true }
            }
            reached shouldBe false
            e.parameter() shouldBe "milestones[0]"
        }
        test("stepsPerEpoch is at most 2^24, the step counter's range") {
            shouldThrow<InvalidHyperparameterException> { arturo { stepsPerEpoch = 16_777_217 } }.parameter() shouldBe
                "stepsPerEpoch"
            arturo { stepsPerEpoch = 16_777_216; schedule = multiStep(0.5, 1.epochs) }
        }
    }

    test("a custom schedule must report honest factor bounds") {
        val dishonest = object : Schedule by Schedules.constant() {
            override fun maxFactor(): Double = Double.NaN
        }
        shouldThrow<InvalidHyperparameterException> { arturo { schedule = custom(dishonest) } }.parameter() shouldBe "schedule"
        arturo { schedule = custom(Schedules.multiStep(0.5, 3)) }.arturoConfig.schedule().maxFactor() shouldBe 1.0
    }
    test("kernel reaches the core; NATIVE with what only the graph runs fails naming kernel") {
        arturo { kernel = Kernel.GRAPH }.arturoConfig.kernel() shouldBe Kernel.GRAPH
        arturo { kernel = Kernel.NATIVE }.arturoConfig.kernel() shouldBe Kernel.NATIVE
        val e = shouldThrow<InvalidHyperparameterException> { arturo { solver = Solver.BISECTION; kernel = Kernel.NATIVE } }
        e.parameter() shouldBe "kernel"
        e.message shouldContain "BISECTION"
    }
    test("helperPlacement reaches the core, OFF_CALLERS_CPU by default, and survives toBuilder") {
        arturo { }.arturoConfig.helperPlacement() shouldBe HelperPlacement.OFF_CALLERS_CPU
        val kept = arturo { helperPlacement = HelperPlacement.AS_SCHEDULED }.arturoConfig
        kept.helperPlacement() shouldBe HelperPlacement.AS_SCHEDULED
        kept.toBuilder().epsilon(0.001).build().helperPlacement() shouldBe HelperPlacement.AS_SCHEDULED
    }
})
