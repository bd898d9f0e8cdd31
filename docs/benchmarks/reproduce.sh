#!/bin/sh
# Reproduces every figure of docs/benchmarks.md (about two hours on 2 cores).
# Needs the full Fashion-MNIST: apt-get install dataset-fashion-mnist (or add --data DIR to each line).
set -e
JAR=${JAR:-samples/target/arturo-samples.jar}
OUT=${OUT:-docs/benchmarks}
java -jar "$JAR" benchmark --full --out "$OUT"
java -jar "$JAR" compare --full --epochs 10 --no-progress --out "$OUT/compare"
java -jar "$JAR" ablations --full --epochs 10 --no-progress --out "$OUT/ablations"
# The native kernel against the graph kernel, and the native step's memory floor (the Maven build
# compiles memory_floor when g++ is there).
java -jar "$JAR" benchmark --sizes 100000,1000000,4000000 --steps 50 --cnn-steps 50 --cnn-epochs 0 \
    --mlp-epochs 0 --full --out "$OUT/native-kernel"
if [ -x arturo-tf/target/native/memory_floor ]; then
    for n in 100000 1000000 4000000; do arturo-tf/target/native/memory_floor "$n" 40 2; done \
        > "$OUT/native-kernel/memory-floor.txt"
fi
