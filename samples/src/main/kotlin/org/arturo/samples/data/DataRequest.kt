package org.arturo.samples.data

import java.nio.file.Path

/**
 * Which Fashion-MNIST a sample wants.
 *
 * @property directory a directory holding the four IDX `.gz` files; null to look in the Debian location
 * @property requireFull fail instead of falling back to the embedded subset
 * @property subset use the embedded subset even when the full dataset is installed (quick runs)
 * @property trainLimit keep only the first N training examples
 * @property testLimit keep only the first N test examples
 */
data class DataRequest(
    val directory: Path? = null,
    val requireFull: Boolean = false,
    val subset: Boolean = false,
    val trainLimit: Int? = null,
    val testLimit: Int? = null,
) {
    init {
        require(!(subset && directory != null)) { "choose either a data directory ($directory) or the embedded subset, not both" }
        require(!(subset && requireFull)) { "the embedded subset cannot satisfy a request for the full dataset" }
        trainLimit?.let { require(it > 0) { "trainLimit must be positive, was $it" } }
        testLimit?.let { require(it > 0) { "testLimit must be positive, was $it" } }
    }

    companion object {
        /** The full dataset when installed, else the embedded subset. */
        @JvmStatic
        fun auto(): DataRequest = DataRequest()
    }
}
