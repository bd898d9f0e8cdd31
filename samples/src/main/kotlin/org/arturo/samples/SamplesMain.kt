package org.arturo.samples

import org.arturo.samples.data.DataRequest
import org.arturo.samples.data.FashionMnistLoader
import org.arturo.samples.java.JavaRawGraphSample
import org.arturo.tf.Solver

object SamplesMain {
    @JvmStatic
    fun main(args: Array<String>) {
        val data = FashionMnistLoader.find(DataRequest(subset = true))
        JavaRawGraphSample.run(data, 3, 255, 42, Solver.EXACT, System.out)
    }
}
