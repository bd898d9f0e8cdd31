package org.arturo.kotlindl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.arturo.FashionMnist
import org.arturo.TestModels
import org.arturo.TestModels.compileWith
import org.arturo.TestModels.parameters
import org.arturo.arturo
import org.arturo.sgd
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.tf.baselines.SgdConfig
import org.arturo.tf.baselines.SgdOptimizer
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientAction
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByNorm
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue
import org.jetbrains.kotlinx.dl.api.core.optimizer.NoClipGradient

/**
 * KotlinDL's gradient clipping reaches the optimizer: one plain SGD step (lr 1, no momentum) moves
 * every weight by exactly its gradient, so with clipping by value c no weight moves more than c.
 * Clipping arturo cannot apply is rejected when the optimizer is built.
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

    test("ClipGradientByValue needs a positive normal float32: anything else is rejected when the optimizer is built, naming clipGradient") {
        val sgd = SgdOptimizer(SgdConfig.defaults())
        for (bad in listOf(-1f, 0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE)) {
            val e = shouldThrow<InvalidHyperparameterException> { KotlinDlOptimizer(sgd, ClipGradientByValue(bad)) }
            e.parameter() shouldBe "clipGradient"
            e.value() shouldBe "ClipGradientByValue($bad)"
            e.validRange() shouldBe "ClipGradientByValue(c) with c in (0, 3.4028235E38] as float32 (not below 1.17549435E-38, the smallest normal float32)"
            shouldThrow<InvalidHyperparameterException> { KotlinDlOptimizer.builder(sgd).clipGradient(ClipGradientByValue(bad)) }
        }
        shouldThrow<InvalidHyperparameterException> { arturo { clipGradient = ClipGradientByValue(-1f) } }.message shouldBe
            "clipGradient = ClipGradientByValue(-1.0) is invalid: valid range is ClipGradientByValue(c) with c in " +
            "(0, 3.4028235E38] as float32 (not below 1.17549435E-38, the smallest normal float32)"
        shouldThrow<InvalidHyperparameterException> { sgd { clipGradient = ClipGradientByValue(Float.NaN) } }.parameter() shouldBe "clipGradient"
        // TensorFlow would flush a subnormal bound to 0 and so zero every gradient.
        shouldThrow<InvalidHyperparameterException> { KotlinDlOptimizer(sgd, ClipGradientByValue(Float.MIN_VALUE)) }.message shouldContain
            "it is the subnormal 1.4E-45 in float32, which TensorFlow flushes to 0"
        KotlinDlOptimizer(sgd, ClipGradientByValue(java.lang.Float.MIN_NORMAL)).toString() shouldBe
            "KotlinDlOptimizer{SGD, clipGradient=ClipGradientByValue(1.17549435E-38)}"
        KotlinDlOptimizer(sgd, ClipGradientByValue(Float.MAX_VALUE))
    }

    test("ClipGradientByNorm, which KotlinDL 0.4.0 does not implement, is rejected when the optimizer is built, saying so") {
        val e = shouldThrow<InvalidHyperparameterException> { arturo { clipGradient = ClipGradientByNorm(1f) } }
        e.parameter() shouldBe "clipGradient"
        e.value() shouldBe "ClipGradientByNorm(1.0)"
        e.message shouldContain "KotlinDL 0.4.0 does not implement ClipGradientByNorm"
        // What happens without the check: KotlinDL throws only when the model compiles.
        TestModels.mlp().use { model ->
            val unchecked = object : ClipGradientAction() {
                override fun clipGradient(tf: org.tensorflow.op.Ops, gradient: org.tensorflow.Operand<Float>) =
                    ClipGradientByNorm(1f).clipGradient(tf, gradient)
            }
            shouldThrow<UnsupportedOperationException> { model.compileWith(KotlinDlOptimizer(SgdOptimizer(SgdConfig.defaults()), unchecked)) }
                .message shouldBe "Is not implemented yet!"
        }
    }
})
