package org.arturo.samples.data

/**
 * A Fashion-MNIST file is there but damaged: [file] names it, [problem] says what is wrong with it and
 * how to get an intact copy. The message is `"<file>: <problem>"`, one line.
 */
class DatasetCorruptException(val file: String, val problem: String, cause: Throwable? = null) :
    RuntimeException("$file: $problem", cause)
