package org.arturo

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.io.File
import org.arturo.TestModels.compileWith
import org.arturo.TestModels.parameters
import org.arturo.kotlindl.KotlinDlInternals
import org.arturo.kotlindl.KotlinDlOptimizer
import org.jetbrains.kotlinx.dl.api.core.SavingFormat
import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.WritingMode
import org.jetbrains.kotlinx.dl.api.core.activation.Activations
import org.jetbrains.kotlinx.dl.api.core.layer.core.Dense
import org.jetbrains.kotlinx.dl.api.core.layer.core.Input
import org.jetbrains.kotlinx.dl.api.core.layer.reshaping.Flatten
import org.jetbrains.kotlinx.dl.api.core.optimizer.Adam
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue

/**
 * saveCheckpoint / loadCheckpoint in one process: the layout, every moment a save can be interrupted
 * (through the internal fault hook), and each reason a load refuses, with its message.
 * CheckpointCrashSpec kills real saving processes.
 */
class CheckpointsSpec : FunSpec({
    val data = FashionMnist.train(320)   // 5 steps per epoch at batch size 64

    fun stepOf(model: Sequential, optimizer: KotlinDlOptimizer): Long =
        optimizer.diagnostics().read(KotlinDlInternals.sessionOf(model)).step()

    /** A model trained for [epochs] epochs with [optimizer]. */
    fun trained(optimizer: KotlinDlOptimizer, epochs: Int = 1, model: Sequential = TestModels.mlp()): Sequential =
        model.compileWith(optimizer).apply { fit(data, epochs = epochs, batchSize = 64) }

    fun names(dir: File): List<String> = dir.list()!!.sorted()

    test("each save adds a version and moves CURRENT to it; the two newest stay") {
        val dir = tempdir()
        val optimizer = arturo { epsilon = 0.05 }
        trained(optimizer).use { model ->
            val first = model.saveCheckpoint(dir)
            first.version shouldBe 1
            first.step shouldBe 5
            first.optimizerName shouldBe "arTuRO"
            first.optimizerStateName shouldBe "arturo"
            first.optimizerConfig shouldBe optimizer.configDescription()
            first.verified shouldBe true
            model.fit(data, epochs = 1, batchSize = 64)
            model.saveCheckpoint(dir).version shouldBe 2
            model.fit(data, epochs = 1, batchSize = 64)
            val third = model.saveCheckpoint(dir)
            third.step shouldBe 15
            names(dir) shouldContainExactly listOf(".lock", "CURRENT", "ckpt-2", "ckpt-3")
            File(dir, "CURRENT").readText() shouldContain "ckpt-3 sha256="
            names(File(dir, "ckpt-3")) shouldContainExactly listOf("MANIFEST.json", "checkpoint.json", "model")
            findCheckpoint(dir).shouldNotBeNull().step shouldBe 15
            model.saveCheckpoint(dir, keep = 1)
            names(dir) shouldContainExactly listOf(".lock", "CURRENT", "ckpt-4")
        }
    }

    test("resuming from a checkpoint equals the uninterrupted run, schedule included") {
        val dir = tempdir()
        fun optimizer() = arturo { epsilon = 0.05; stepsPerEpoch = 5; schedule = multiStep(0.5, 1.epochs) }
        val uninterrupted = trained(optimizer(), epochs = 2).use { it.parameters() }
        trained(optimizer(), epochs = 1).use { it.saveCheckpoint(dir) }
        val resumedOptimizer = optimizer()
        val resumed = TestModels.mlp().compileWith(resumedOptimizer).use { model ->
            model.loadCheckpoint(dir).step shouldBe 5
            stepOf(model, resumedOptimizer) shouldBe 5
            model.fit(data, epochs = 1, batchSize = 64)
            stepOf(model, resumedOptimizer) shouldBe 10
            model.parameters()
        }
        (maxAbsDifference(uninterrupted, resumed) < 1e-6) shouldBe true
    }

    test("findCheckpoint is null where nothing was saved, and loading from there names why") {
        val dir = tempdir()
        findCheckpoint(File(dir, "absent")).shouldBeNull()
        findCheckpoint(dir).shouldBeNull()
        TestModels.mlp().compileWith(arturo()).use { model ->
            shouldThrow<CheckpointException> { model.loadCheckpoint(File(dir, "absent")) }.run {
                problem shouldBe CheckpointProblem.NO_CHECKPOINT
                message shouldContain "does not exist"
            }
            shouldThrow<CheckpointException> { model.loadCheckpoint(dir) }.message shouldContain "no CURRENT pointer"
        }
    }

    context("a save interrupted at any moment leaves the last good checkpoint loadable") {
        for (phase in SavePhase.entries) {
            test("interrupted after $phase") {
                val dir = tempdir()
                val optimizer = arturo { epsilon = 0.05 }
                trained(optimizer).use { model ->
                    model.saveCheckpoint(dir)                         // step 5: the last good checkpoint
                    model.fit(data, epochs = 1, batchSize = 64)       // step 10: being saved when interrupted
                    shouldThrow<IllegalStateException> {
                        writeCheckpoint(model, dir.toPath(), keep = 1) { if (it == phase) throw IllegalStateException("interrupted at $it") }
                    }.message shouldBe "interrupted at $phase"
                }
                // The pointer switch is the one moment that decides: before it the old checkpoint, after it the new.
                val expected = if (phase >= SavePhase.POINTER_SWITCHED) 10L else 5L
                findCheckpoint(dir).shouldNotBeNull().step shouldBe expected
                val resumedOptimizer = arturo { epsilon = 0.05 }
                TestModels.mlp().compileWith(resumedOptimizer).use { model ->
                    model.loadCheckpoint(dir).step shouldBe expected
                    stepOf(model, resumedOptimizer) shouldBe expected
                    model.fit(data, epochs = 1, batchSize = 64)
                    stepOf(model, resumedOptimizer) shouldBe expected + 5
                    // The next save removes what the interrupted one left: temporary directories, versions never current.
                    val next = model.saveCheckpoint(dir, keep = 1)
                    next.step shouldBe expected + 5
                    names(dir) shouldContainExactly listOf(".lock", "CURRENT", next.directory.name)
                }
            }
        }
    }

    test("a second save into the same directory while one runs is refused, and the first completes") {
        val dir = tempdir()
        trained(arturo { epsilon = 0.05 }).use { model ->
            var refused: CheckpointException? = null
            writeCheckpoint(model, dir.toPath(), keep = 2) { phase ->
                if (phase == SavePhase.MANIFEST_WRITTEN) refused = shouldThrow { model.saveCheckpoint(dir) }
            }
            refused.shouldNotBeNull().problem shouldBe CheckpointProblem.SAVE_IN_PROGRESS
            findCheckpoint(dir).shouldNotBeNull().version shouldBe 1
        }
    }

    context("load refuses what does not match, naming it") {
        val dir = tempdir()
        trained(arturo { epsilon = 0.05; nu = 1.2; clipGradient = ClipGradientByValue(5f) }).use { it.saveCheckpoint(dir) }

        test("another optimizer") {
            val adamDir = tempdir()
            trained(adam { learningRate = 1e-3 }).use { it.saveCheckpoint(adamDir) }
            TestModels.mlp().compileWith(arturo()).use { model ->
                shouldThrow<CheckpointException> { model.loadCheckpoint(adamDir, allowDifferentHyperparameters = true) }.run {
                    problem shouldBe CheckpointProblem.OTHER_OPTIMIZER
                    message shouldContain "checkpoint was written by Adam (adam), this model's optimizer is arTuRO (arturo)"
                }
            }
            TestModels.mlp().compileWith(Adam()).use { model ->
                shouldThrow<CheckpointException> { model.loadCheckpoint(dir) }.run {
                    problem shouldBe CheckpointProblem.OTHER_OPTIMIZER
                    message shouldContain "checkpoint was written by arTuRO (arturo), this model's optimizer is Adam"
                    message shouldContain "not an arturo optimizer"
                }
            }
        }

        test("other hyperparameters, each named with both values; allowDifferentHyperparameters loads anyway") {
            val optimizer = arturo { epsilon = 0.06; nu = 1.2; stepsPerEpoch = 5; schedule = multiStep(0.5, 2.epochs) }
            TestModels.mlp().compileWith(optimizer).use { model ->
                shouldThrow<CheckpointException> { model.loadCheckpoint(dir) }.run {
                    problem shouldBe CheckpointProblem.DIFFERENT_HYPERPARAMETERS
                    message shouldContain "epsilon = 0.05 in the checkpoint, 0.06 in this model"
                    message shouldContain "schedule = constant in the checkpoint, multiStep(gamma=0.5, milestones=[10]) in this model"
                    message shouldContain "clipGradient = ClipGradientByValue(5.0) in the checkpoint, NoClipGradient in this model"
                    message shouldNotContain "nu ="
                    message shouldContain "allowDifferentHyperparameters = true"
                }
            }
            // The failed check loaded nothing, but KotlinDL's model is fresh only once: use a new one.
            val resumedOptimizer = arturo { epsilon = 0.06 }
            TestModels.mlp().compileWith(resumedOptimizer).use { model ->
                model.loadCheckpoint(dir, allowDifferentHyperparameters = true).step shouldBe 5
                stepOf(model, resumedOptimizer) shouldBe 5
                model.fit(data, epochs = 1, batchSize = 64)
                stepOf(model, resumedOptimizer) shouldBe 10
            }
        }

        test("a value inside a component: the solver's tolerance") {
            val saved = tempdir()
            trained(arturo { epsilon = 0.05; solverTolerance = 1e-3 }).use { it.saveCheckpoint(saved) }
            TestModels.mlp().compileWith(arturo { epsilon = 0.05; solverTolerance = 1e-4 }).use { model ->
                shouldThrow<CheckpointException> { model.loadCheckpoint(saved) }.message shouldContain
                    "solver.tolerance = 0.001 in the checkpoint, 1.0E-4 in this model"
            }
        }

        test("other weights: shapes and names") {
            fun wider() = Sequential.of(
                Input(28, 28, 1),
                Flatten(),
                Dense(outputSize = 64, activation = Activations.Relu),
                Dense(outputSize = 10, activation = Activations.Linear),
            )
            wider().compileWith(arturo { epsilon = 0.05; nu = 1.2; clipGradient = ClipGradientByValue(5f) }).use { model ->
                shouldThrow<CheckpointException> { model.loadCheckpoint(dir) }.run {
                    problem shouldBe CheckpointProblem.DIFFERENT_WEIGHTS
                    message shouldContain "dense_3_dense_kernel has shape [784, 32] in the checkpoint, [784, 64] in this model"
                    message shouldContain "dense_4_dense_kernel has shape [32, 10] in the checkpoint, [64, 10] in this model"
                }
            }
            TestModels.cnn().compileWith(arturo { epsilon = 0.05; nu = 1.2; clipGradient = ClipGradientByValue(5f) }).use { model ->
                shouldThrow<CheckpointException> { model.loadCheckpoint(dir) }.run {
                    problem shouldBe CheckpointProblem.DIFFERENT_WEIGHTS
                    message shouldContain "only in the checkpoint: dense_3_dense_kernel [784, 32]"
                    message shouldContain "only in this model: conv2d_"
                }
            }
        }

        test("a model that is not fresh, or not compiled") {
            val model = TestModels.mlp().compileWith(arturo { epsilon = 0.05; nu = 1.2; clipGradient = ClipGradientByValue(5f) })
            model.use {
                it.init()
                shouldThrow<CheckpointException> { it.loadCheckpoint(dir) }.run {
                    problem shouldBe CheckpointProblem.MODEL_NOT_READY
                    message shouldContain "already initialized"
                }
            }
            TestModels.mlp().use {
                shouldThrow<CheckpointException> { it.loadCheckpoint(dir) }.message shouldContain "compile the model"
            }
        }

        test("a changed file, a missing file, a pointer to a missing version") {
            fun copy(): File = tempdir().also { dir.copyRecursively(it, overwrite = true) }
            fun loadInto(copy: File) = TestModels.mlp()
                .compileWith(arturo { epsilon = 0.05; nu = 1.2; clipGradient = ClipGradientByValue(5f) })
                .use { shouldThrow<CheckpointException> { it.loadCheckpoint(copy) } }

            val changed = copy()
            File(changed, "ckpt-1/model/optimizer_arturo_epsilon.txt").writeText("0.070")
            loadInto(changed).run {
                problem shouldBe CheckpointProblem.INCOMPLETE   // another length: caught by the size
                message shouldContain "optimizer_arturo_epsilon.txt has 5 bytes, the manifest records 4"
            }
            val sameSize = copy()
            val kernel = File(sameSize, "ckpt-1/model/dense_4_dense_kernel.txt")
            kernel.writeText(kernel.readText().replaceFirst('1', '2'))
            loadInto(sameSize).run {
                problem shouldBe CheckpointProblem.CORRUPT
                message shouldContain "dense_4_dense_kernel.txt does not have the SHA-256 the manifest records"
            }
            val missing = copy()
            File(missing, "ckpt-1/model/optimizer_dense_3_dense_kernel-prec.txt").delete()
            loadInto(missing).run {
                problem shouldBe CheckpointProblem.INCOMPLETE
                message shouldContain "optimizer_dense_3_dense_kernel-prec.txt is missing"
            }
            val dangling = copy()
            File(dangling, "ckpt-1").renameTo(File(dangling, "ckpt-9"))
            loadInto(dangling).message shouldContain "CURRENT names ckpt-1, but"
            val editedManifest = copy()
            File(editedManifest, "ckpt-1/MANIFEST.json").appendText(" ")
            loadInto(editedManifest).problem shouldBe CheckpointProblem.CORRUPT
        }
    }

    context("a directory written by model.save (the pattern before saveCheckpoint)") {
        fun kotlinDlSave(saveOptimizerState: Boolean): File = tempdir().also { dir ->
            trained(arturo { epsilon = 0.05 }).use {
                it.save(dir, SavingFormat.JSON_CONFIG_CUSTOM_VARIABLES, saveOptimizerState, WritingMode.OVERRIDE)
            }
        }

        test("loads with allowDifferentHyperparameters, unverified; without it the missing configuration is named") {
            val dir = kotlinDlSave(saveOptimizerState = true)
            TestModels.mlp().compileWith(arturo { epsilon = 0.05 }).use { model ->
                shouldThrow<CheckpointException> { model.loadCheckpoint(dir) }.run {
                    problem shouldBe CheckpointProblem.DIFFERENT_HYPERPARAMETERS
                    message shouldContain "model.save records no optimizer configuration"
                }
            }
            val optimizer = arturo { epsilon = 0.05 }
            TestModels.mlp().compileWith(optimizer).use { model ->
                val info = model.loadCheckpoint(dir, allowDifferentHyperparameters = true)
                info.verified shouldBe false
                info.step shouldBe 5
                model.fit(data, epochs = 1, batchSize = 64)
                stepOf(model, optimizer) shouldBe 10
            }
        }

        test("without optimizer state") {
            val dir = kotlinDlSave(saveOptimizerState = false)
            TestModels.mlp().compileWith(arturo { epsilon = 0.05 }).use { model ->
                shouldThrow<CheckpointException> { model.loadCheckpoint(dir, allowDifferentHyperparameters = true) }.run {
                    problem shouldBe CheckpointProblem.NO_OPTIMIZER_STATE
                    message shouldContain "holds no optimizer state"
                }
            }
        }

        test("the mixture an interrupted OVERRIDE leaves: state missing from the list, or a file cut short") {
            val dir = kotlinDlSave(saveOptimizerState = true)
            val names = File(dir, "variableNames.txt")
            names.writeText(names.readLines().filter { it != "optimizer_arturo_epsilon" }.joinToString("\n"))
            TestModels.mlp().compileWith(arturo { epsilon = 0.05 }).use { model ->
                shouldThrow<CheckpointException> { model.loadCheckpoint(dir, allowDifferentHyperparameters = true) }.run {
                    problem shouldBe CheckpointProblem.INCOMPLETE
                    message shouldContain "lacks the optimizer state optimizer_arturo_epsilon"
                }
            }
            val cut = kotlinDlSave(saveOptimizerState = true)
            val lin = File(cut, "optimizer_dense_3_dense_kernel-lin.txt")
            lin.writeText(lin.readText().substringBeforeLast(' '))
            TestModels.mlp().compileWith(arturo { epsilon = 0.05 }).use { model ->
                shouldThrow<CheckpointException> { model.loadCheckpoint(cut, allowDifferentHyperparameters = true) }.run {
                    problem shouldBe CheckpointProblem.INCOMPLETE
                    message shouldContain "optimizer_dense_3_dense_kernel-lin.txt holds 25087 values"
                }
            }
        }

        test("state of another optimizer") {
            val dir = tempdir()
            trained(sgd()).use { it.save(dir, SavingFormat.JSON_CONFIG_CUSTOM_VARIABLES, true, WritingMode.OVERRIDE) }
            TestModels.mlp().compileWith(arturo()).use { model ->
                shouldThrow<CheckpointException> { model.loadCheckpoint(dir, allowDifferentHyperparameters = true) }.run {
                    problem shouldBe CheckpointProblem.OTHER_OPTIMIZER
                    message shouldContain "state of another optimizer (optimizer_sgd_step: state name sgd), this model's optimizer is arTuRO (arturo)"
                }
            }
        }
    }

    test("KotlinDL's own load failures are translated into what they mean") {
        val failure = IllegalStateException("Operation optimizer_dense_3_dense_kernel-prec is not found in static graph.")
        val translated = translateKotlinDlLoadFailure(failure, "cannot load x") as CheckpointException
        translated.problem shouldBe CheckpointProblem.DIFFERENT_OPTIMIZER_STATE
        translated.message shouldContain "holds optimizer state optimizer_dense_3_dense_kernel-prec, which this model's optimizer does not create"
        translated.cause shouldBe failure
        val weight = translateKotlinDlLoadFailure(IllegalStateException("Operation dense_7_dense_kernel is not found in static graph."), "x")
        (weight as CheckpointException).problem shouldBe CheckpointProblem.DIFFERENT_WEIGHTS
        val other = RuntimeException("something else")
        translateKotlinDlLoadFailure(other, "x") shouldBe other
    }

    test("saving needs an arturo optimizer and initialized variables") {
        val dir = tempdir()
        TestModels.mlp().compileWith(arturo()).use { model ->
            shouldThrow<CheckpointException> { model.saveCheckpoint(dir) }.run {
                problem shouldBe CheckpointProblem.MODEL_NOT_READY
                message shouldContain "not initialized"
            }
        }
        TestModels.mlp().compileWith(Adam()).use { model ->
            model.init()
            shouldThrow<CheckpointException> { model.saveCheckpoint(dir) }.message shouldContain "its optimizer is Adam"
        }
        names(dir) shouldBe emptyList()
    }
})
