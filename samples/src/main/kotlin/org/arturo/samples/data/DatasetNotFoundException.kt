package org.arturo.samples.data

/** A requested Fashion-MNIST is not where it was looked for; the message says how to get it. */
class DatasetNotFoundException(message: String) : RuntimeException(message)
