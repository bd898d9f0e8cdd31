#!/bin/sh
# Builds libarturo_tf115.so, the TensorFlow 1.15 registration of the native arTuRO step, against the
# framework library inside TF Java's libtensorflow_jni jar, and records that library's SHA-256 next
# to it. Usage: build-op.sh <libtensorflow_jni jar> <work dir> <output dir>
set -eu
jni_jar="$1"; work="$2"; out="$3"
here="$(cd "$(dirname "$0")" && pwd)"
framework=org/tensorflow/native/linux-x86_64/libtensorflow_framework.so.1
mkdir -p "$work/tf" "$out"
(cd "$work/tf" && jar xf "$jni_jar" "$framework")
g++ -std=c++17 -O3 -fPIC -shared -D_GLIBCXX_USE_CXX11_ABI=0 -fvisibility=hidden -fvisibility-inlines-hidden \
    -fno-math-errno -ffp-contract=off -fno-tree-loop-distribute-patterns -Wall -Wextra -Werror -Wno-psabi \
    -o "$out/libarturo_tf115.so" "$here/tf115/arturo_op.cc" "$here/core/arturo_step.cc" "$here/core/helper_team.cc" \
    -L"$work/tf/$(dirname "$framework")" -l:libtensorflow_framework.so.1 -Wl,-z,defs
sha256sum "$work/tf/$framework" | cut -d' ' -f1 > "$out/libarturo_tf115.framework-sha256"
echo "[arturo] native arTuRO op built: $out/libarturo_tf115.so"
