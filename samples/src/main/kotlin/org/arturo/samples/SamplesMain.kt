package org.arturo.samples

import org.arturo.samples.benchmark.BenchmarkCommand
import org.arturo.samples.cli.AblationsCommand
import org.arturo.samples.cli.CabsCommand
import org.arturo.samples.cli.CliErrors
import org.arturo.samples.cli.CompareCommand
import org.arturo.samples.cli.DataParallelCommand
import org.arturo.samples.cli.DataParallelTaskCommand
import org.arturo.samples.cli.EllipsoidalCommand
import org.arturo.samples.cli.JavaGraphCommand
import org.arturo.samples.cli.NoiseP1Command
import org.arturo.samples.cli.PlotCommand
import org.arturo.samples.cli.QuickstartCommand
import org.arturo.samples.cli.SamplesVersion
import picocli.CommandLine
import picocli.CommandLine.Command
import kotlin.system.exitProcess

/** `java -jar arturo-samples.jar <sample> [options]`: one entry point for every sample and the benchmark. */
@Command(
    name = "arturo-samples",
    mixinStandardHelpOptions = true,
    versionProvider = SamplesVersion::class,
    description = ["arTuRO samples on Fashion-MNIST. Run '<command> --help' for a command's options."],
    subcommands = [QuickstartCommand::class, CompareCommand::class, NoiseP1Command::class, JavaGraphCommand::class, AblationsCommand::class, EllipsoidalCommand::class, CabsCommand::class, DataParallelCommand::class, DataParallelTaskCommand::class, BenchmarkCommand::class, PlotCommand::class],
)
class SamplesMain : Runnable {
    override fun run() {
        CommandLine(this).usage(System.out)
    }

    companion object {
        @JvmStatic
        fun main(args: Array<String>) {
            exitProcess(commandLine().execute(*args))
        }

        /**
         * The parser with error handling: picocli's own parameter errors print the message and the usage;
         * user errors found later (values out of range, an unwritable --out, a missing or corrupt dataset,
         * a missing file) print one line and exit non-zero (see [CliErrors]); bugs keep their stack trace.
         */
        fun commandLine(): CommandLine = CommandLine(SamplesMain())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(CliErrors.handler)
    }
}
