package org.arturo.samples.model

import org.jetbrains.kotlinx.dl.api.core.layer.ParametrizedLayer
import org.jetbrains.kotlinx.dl.api.core.loss.Losses
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics
import org.jetbrains.kotlinx.dl.api.core.optimizer.SGD
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class ThesisCnnTest {
    @Test
    fun `the thesis's P1 CNN has two 5x5 convolutions, 1024 hidden units and 3274634 parameters`() {
        ThesisCnn.build(seed = 1).use { model ->
            model.compile(SGD(0.01f), Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, Metrics.ACCURACY)
            val shapes = model.layers.flatMap { layer -> (layer as? ParametrizedLayer)?.variables?.map { it.shape } ?: emptyList() }
            val sizes = shapes.map { s -> (0 until s.numDimensions()).fold(1L) { a, i -> a * s.size(i) } }
            // conv1 5·5·1·32 + 32, conv2 5·5·32·64 + 64, dense 7·7·64·1024 + 1024 (SAME padding, two stride-2 pools), logits 1024·10 + 10
            assertEquals(listOf(800L, 32L, 51_200L, 64L, 3_211_264L, 1024L, 10_240L, 10L), sizes)
            assertEquals(ThesisCnn.PARAMETER_COUNT.toLong(), sizes.sum())
        }
    }
}
