#!/bin/sh
# Reproduces every figure of docs/benchmarks.md (about two hours on 2 cores).
# Needs the full Fashion-MNIST: apt-get install dataset-fashion-mnist (or add --data DIR to each line).
set -e
JAR=${JAR:-samples/target/arturo-samples.jar}
OUT=${OUT:-docs/benchmarks}
java -jar "$JAR" benchmark --full --out "$OUT"
java -jar "$JAR" compare --full --epochs 10 --no-progress --out "$OUT/compare"
java -jar "$JAR" ablations --full --epochs 10 --no-progress --out "$OUT/ablations"
