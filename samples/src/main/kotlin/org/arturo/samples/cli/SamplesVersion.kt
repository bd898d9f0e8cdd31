package org.arturo.samples.cli

import picocli.CommandLine.IVersionProvider
import java.util.Properties

/**
 * What `--version`/`-V` prints: the project version and the versions it was built against, from
 * `org/arturo/samples/version.properties`, which the build fills in (so it works from the packaged jar
 * and from the test class path alike).
 */
class SamplesVersion : IVersionProvider {
    override fun getVersion(): Array<String> {
        val properties = read()
        val version = properties.getProperty("version") ?: return arrayOf("arturo-samples (version unknown: $RESOURCE is missing)")
        return arrayOf(
            "arturo-samples $version",
            "arturo-tf and arturo-api $version, TensorFlow Java ${properties.getProperty("tensorflow")}, " +
                "KotlinDL ${properties.getProperty("kotlindl")}",
            "Java ${System.getProperty("java.version")} (${System.getProperty("java.vm.name")}), " +
                "${System.getProperty("os.name")} ${System.getProperty("os.arch")}",
        )
    }

    companion object {
        const val RESOURCE = "/org/arturo/samples/version.properties"

        /** The project version, e.g. `0.2.0-SNAPSHOT`, or null when the resource is missing. */
        fun projectVersion(): String? = read().getProperty("version")

        private fun read(): Properties = Properties().apply {
            SamplesVersion::class.java.getResourceAsStream(RESOURCE)?.use { load(it) }
        }
    }
}
