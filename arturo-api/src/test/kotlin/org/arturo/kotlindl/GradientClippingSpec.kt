package org.arturo.kotlindl

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import org.arturo.FashionMnist
import org.arturo.TestModels
import org.arturo.TestModels.compileWith
import org.arturo.TestModels.parameters
import org.arturo.tf.baselines.SgdConfig
import org.arturo.tf.baselines.SgdOptimizer
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientAction
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue
import org.jetbrains.kotlinx.dl.api.core.optimizer.NoClipGradient

/**
 * KotlinDL's gradient clipping reaches the optimizer: one plain SGD step (lr 1, no momentum) moves
 * every weight by exactly its gradient, so with clipping by value c no weight moves more than c.
 */
class GradientClippingSpec : FunSpec({
    val batch = FashionMnist.train(64)
    val clip = 1e-4

    fun largestMove(clipping: ClipGradientAction): Double = TestModels.mlp().use { model ->
        val sgd = SgdOptimizer(SgdConfig.builder().learningRate(1.0).momentum(0.0).build())
        model.compileWith(KotlinDlOptimizer(sgd, clipping))
        model.init()
        val before = model.parameters()
        model.fit(batch, epochs = 1, batchSize = 64)
        val after = model.parameters()
        before.keys.maxOf { key ->
            before.getValue(key).indices.maxOf { i -> Math.abs((after.getValue(key)[i] - before.getValue(key)[i]).toDouble()) }
        }
    }

    test("without clipping some weight moves by more than the clip value (the check below can fail)") {
        largestMove(NoClipGradient()) shouldBeGreaterThan 10 * clip
    }

    test("clipping by value bounds every weight's move by lr · clip") {
        largestMove(ClipGradientByValue(clip.toFloat())) shouldBeLessThan clip * (1 + 1e-3)
    }
})
