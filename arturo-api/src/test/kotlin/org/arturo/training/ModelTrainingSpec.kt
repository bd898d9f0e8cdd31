package org.arturo.training

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.arturo.FashionMnist
import org.arturo.TestModels
import org.arturo.TestModels.compileWith
import org.arturo.kotlindl.KotlinDlModelGraph
import org.arturo.tf.InvalidHyperparameterException
import org.arturo.training.cabs.CabsSpec
import org.arturo.training.cabs.CabsTraining
import org.arturo.training.etr.Ellipsoid
import org.arturo.training.etr.TrustRegionSpec
import org.arturo.training.etr.TrustRegionTraining
import org.arturo.training.graph.GradientEvaluator
import org.arturo.training.loop.Budget
import org.jetbrains.kotlinx.dl.api.core.optimizer.SGD

/** The training DSL on KotlinDL models: CABS and the trust region train, telemetry hears them, bad values fail. */
class ModelTrainingSpec : FunSpec({
    test("ellipsoidalTrustRegion { } trains a KotlinDL model to a backpropagation budget; telemetry reports every iteration") {
        val data = FashionMnist.train(1024)
        TestModels.mlp().use { model ->
            model.compileWith(SGD())
            val training = model.training(data, ellipsoidalTrustRegion { ellipsoid = Ellipsoid.RMS; radius0 = 1e-3; batchSize = 256 }, seed = 3)
            val all = KotlinDlModelGraph.batchOf(model, data)
            val before = GradientEvaluator(training.graph).loss(all)
            val telemetry = TrainingTelemetry()
            val summary = training.run(Budget.backpropagations(150), progress = false, listeners = listOf(telemetry))
            val after = GradientEvaluator(training.graph).loss(all)
            (after < 0.8 * before) shouldBe true
            summary.backpropagations() shouldBeGreaterThanOrEqual 150
            telemetry.history shouldHaveSize summary.steps().toInt()
            telemetry.history.map { it.step() } shouldBe (1..summary.steps()).toList()
            val last = telemetry.history.last().values()
            last.keys.toList() shouldBe listOf(TrustRegionTraining.RADIUS, TrustRegionTraining.RHO, TrustRegionTraining.PRODUCTS,
                TrustRegionTraining.ACCEPTED, TrustRegionTraining.SKIPPED)
            (telemetry.history.count { it.values().getValue(TrustRegionTraining.ACCEPTED) == 1.0 } > summary.steps() / 2) shouldBe true

            // A second run continues: the budget counts from the start of the training.
            val more = training.run(Budget.backpropagations(300), progress = false)
            (more.steps() > summary.steps()) shouldBe true
        }
    }

    test("cabs { } grows the batch within its bounds and draws the budget of examples") {
        val data = FashionMnist.train(2048)
        TestModels.mlp().use { model ->
            model.compileWith(SGD())
            val telemetry = TrainingTelemetry()
            val summary = model.train(data, cabs { learningRate = 0.1; minBatchSize = 16; maxBatchSize = 256 },
                Budget.examples(4096), seed = 5, progress = false, listeners = listOf(telemetry))
            summary.examplesSeen() shouldBeGreaterThanOrEqual 4096
            summary.examplesSeen() shouldBeLessThan 4096L + 256
            val sizes = telemetry.history.map { it.values().getValue(CabsTraining.BATCH_SIZE).toInt() }
            sizes.first() shouldBe 16
            sizes.forEach { it shouldBeInRange 16..256 }
            val firstLosses = telemetry.history.take(5).map { it.loss() }.average()
            val lastLosses = telemetry.history.takeLast(5).map { it.loss() }.average()
            (lastLosses < firstLosses) shouldBe true
        }
    }

    test("the blocks hand every value to the core, and bad values fail naming the setting") {
        val tr = ellipsoidalTrustRegion { ellipsoid = Ellipsoid.UNIFORM; radius0 = 0.01; kappa = 0.2; batchSize = 128 } as TrustRegionSpec
        tr.config().ellipsoid() shouldBe Ellipsoid.UNIFORM
        tr.config().radius0() shouldBe 0.01
        tr.config().kappa() shouldBe 0.2
        tr.config().gamma2() shouldBe 1.5
        tr.batchSize() shouldBe 128
        // Values set before the ellipsoid survive the switch; γ2 follows the ellipsoid's column unless set.
        val switched = ellipsoidalTrustRegion { radius0 = 0.02; ellipsoid = Ellipsoid.RMS } as TrustRegionSpec
        switched.config().radius0() shouldBe 0.02
        switched.config().gamma2() shouldBe 1.75

        val c = cabs { learningRate = 0.05; mu = 0.9; microBatches = 8 } as CabsSpec
        c.config().learningRate() shouldBe 0.05
        c.config().mu() shouldBe 0.9
        c.microBatches() shouldBe 8

        shouldThrow<InvalidHyperparameterException> { cabs { } }.message shouldContain "learningRate"
        shouldThrow<InvalidHyperparameterException> { cabs { learningRate = -1.0 } }.message shouldContain "learningRate"
        shouldThrow<InvalidHyperparameterException> { cabs { learningRate = 0.1; microBatches = 1 } }.message shouldContain "microBatches"
        shouldThrow<InvalidHyperparameterException> { cabs { learningRate = 0.1; minBatchSize = 4; microBatches = 8 } }
            .message shouldContain "microBatches"
        shouldThrow<InvalidHyperparameterException> { ellipsoidalTrustRegion { ellipsoid = Ellipsoid.ADAGRAD; beta = 0.9 } }
            .message shouldContain "beta"
        shouldThrow<InvalidHyperparameterException> { ellipsoidalTrustRegion { beta = 0.9; ellipsoid = Ellipsoid.UNIFORM } }
            .message shouldContain "beta"
        shouldThrow<InvalidHyperparameterException> { ellipsoidalTrustRegion { kappa = 1.0 } }.message shouldContain "kappa"
        shouldThrow<InvalidHyperparameterException> { ellipsoidalTrustRegion { batchSize = 0 } }.message shouldContain "batchSize"
        shouldThrow<InvalidHyperparameterException> { ellipsoidalTrustRegion { outlierFactor = 1.0 } }.message shouldContain "outlierFactor"
    }
})
