package org.arturo.samples.model

import org.jetbrains.kotlinx.dl.api.core.loss.Losses
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics
import org.jetbrains.kotlinx.dl.api.core.optimizer.SGD
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class FashionMnistCnnTest {
    @Test
    fun `the paper's CNN has 390410 parameters in ten tensors and ten logits`() {
        FashionMnistCnn.build(seed = 1).use { model ->
            model.compile(SGD(0.01f), Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, Metrics.ACCURACY)
            val shapes = model.layers.flatMap { layer ->
                (layer as? org.jetbrains.kotlinx.dl.api.core.layer.ParametrizedLayer)?.let { p -> p.variables.map { it.shape } } ?: emptyList()
            }
            assertEquals(10, shapes.size)
            assertEquals(FashionMnistCnn.PARAMETER_COUNT.toLong(), shapes.sumOf { s -> (0 until s.numDimensions()).fold(1L) { a, i -> a * s.size(i) } })
            assertEquals(10L, model.layers.last().outputShape.tail().last())
        }
    }
}
