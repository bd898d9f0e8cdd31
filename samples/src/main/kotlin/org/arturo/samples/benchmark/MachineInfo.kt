package org.arturo.samples.benchmark

import java.nio.file.Files
import java.nio.file.Paths
import java.time.OffsetDateTime
import java.time.format.DateTimeFormatter

/** Where and when a benchmark ran, for the report's header. */
data class MachineInfo(val date: String, val cpu: String, val cores: Int, val memory: String, val jvm: String,
                       val tensorflow: String, val os: String) {
    fun markdown(): String = """
        || | |
        ||---|---|
        || Date | $date |
        || CPU | $cpu |
        || Cores (JVM-visible) | $cores |
        || Memory | $memory |
        || OS | $os |
        || JVM | $jvm |
        || TensorFlow | $tensorflow (CPU build) |
    """.trimMargin()

    companion object {
        fun collect(): MachineInfo {
            val cpuinfo = readOrEmpty("/proc/cpuinfo")
            val model = cpuinfo.lineSequence().firstOrNull { it.startsWith("model name") }?.substringAfter(":")?.trim()
            val cache = cpuinfo.lineSequence().firstOrNull { it.startsWith("cache size") }?.substringAfter(":")?.trim()
            val memKb = readOrEmpty("/proc/meminfo").lineSequence().firstOrNull { it.startsWith("MemTotal") }
                ?.filter(Char::isDigit)?.toLongOrNull()
            return MachineInfo(
                date = OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).substringBefore('.') ,
                cpu = listOfNotNull(model ?: System.getProperty("os.arch"), cache?.let { "cache $it" }).joinToString(", "),
                cores = Runtime.getRuntime().availableProcessors(),
                memory = memKb?.let { "%.1f GiB".format(it / 1024.0 / 1024.0) } ?: "unknown",
                jvm = "${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}",
                tensorflow = org.tensorflow.TensorFlow.version(),
                os = "${System.getProperty("os.name")} ${System.getProperty("os.version")}",
            )
        }

        private fun readOrEmpty(path: String) = runCatching { Files.readString(Paths.get(path)) }.getOrDefault("")
    }
}
