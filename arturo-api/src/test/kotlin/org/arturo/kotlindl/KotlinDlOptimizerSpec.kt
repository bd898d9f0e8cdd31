package org.arturo.kotlindl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.arturo.FashionMnist
import org.arturo.TestModels
import org.arturo.TestModels.compileWith
import org.arturo.TestModels.parameters
import org.arturo.arturo
import org.arturo.maxAbsDifference
import org.arturo.tf.arturo.ArturoConfig
import org.arturo.tf.arturo.ArturoOptimizer
import org.jetbrains.kotlinx.dl.api.core.layer.ParametrizedLayer
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue

class KotlinDlOptimizerSpec : FunSpec({
    val slots = listOf("prec", "lin", "quad", "p00", "p01", "p11")
    val scalarNames = listOf("arturo_step", "arturo_skipped_steps", "arturo_outlier_steps", "arturo_gradient_scale",
        "arturo_eta", "arturo_kl_ratio", "arturo_solver_iterations", "arturo_epsilon")

    test("state is created under KotlinDL's names for optimizer variables, slots and their initializers") {
        TestModels.mlp().use { model ->
            val optimizer = arturo()
            model.compileWith(optimizer)
            val graph = model.kGraph
            val tracked = graph.optimizerVariables().map { it.op().name() }
            val weights = model.layers.filterIsInstance<ParametrizedLayer>().flatMap { layer -> layer.variables.map { it.name } }
            weights.size shouldBe 4
            // Slots per weight in the optimizer's order; scalars in the order the step's parts create them.
            tracked.filter { '-' in it } shouldContainExactly weights.flatMap { w -> slots.map { "optimizer_$w-$it" } }
            tracked.filter { '-' !in it } shouldContainExactlyInAnyOrder scalarNames.map { "optimizer_$it" }
            // loadWeights(..., loadOptimizerState = true) feeds Init_<name> and runs Assign_<name>.
            val ops = graph.toString().lines().map { it.substringAfter("Name: ").substringBefore(";") }.toSet()
            ops shouldContainAll tracked.flatMap { listOf(it, "Init_$it", "Assign_$it") }
        }
    }

    test("diagnostics are readable only after compile, by the names of the core's diagnostics") {
        val optimizer = arturo()
        shouldThrow<IllegalStateException> { optimizer.diagnostics() }.message shouldContain "compile"
        optimizer.isCompiled shouldBe false
        TestModels.mlp().use { model ->
            model.compileWith(optimizer)
            optimizer.isCompiled shouldBe true
            optimizer.isCompiledInto(model) shouldBe true
            // The shared counters come first, then arTuRO's own (the core's order).
            optimizer.diagnostics().operands().keys.map { it.name() } shouldContainExactly
                listOf("step", "skippedSteps", "outlierSteps", "eta", "klRatio", "solverIterations", "epsilon", "nativeKernel")
        }
    }

    test("one optimizer serves one model: a second compile fails clearly") {
        val optimizer = arturo()
        TestModels.mlp().use { it.compileWith(optimizer) }
        TestModels.mlp().use { second ->
            shouldThrow<IllegalStateException> { second.compileWith(optimizer) }.message shouldContain "create a new optimizer"
        }
    }

    test("KotlinDL's gradient clipping is applied before arTuRO sees the gradients") {
        val data = FashionMnist.train(256)
        fun trainedWith(build: () -> KotlinDlOptimizer): Map<String, FloatArray> = TestModels.mlp().use { model ->
            model.compileWith(build())
            model.fit(data, epochs = 1, batchSize = 64)
            model.parameters()
        }
        val config = ArturoConfig.defaults()
        val plain = trainedWith { KotlinDlOptimizer(ArturoOptimizer(config)) }
        val looseClip = trainedWith { KotlinDlOptimizer.builder(ArturoOptimizer(config)).clipGradient(ClipGradientByValue(1e9f)).build() }
        val tightClip = trainedWith { arturo { clipGradient = ClipGradientByValue(1e-4f) } }
        maxAbsDifference(plain, looseClip) shouldBe 0.0
        (maxAbsDifference(plain, tightClip) > 1e-4) shouldBe true
    }
})
