// What the memory system alone allows the native arTuRO step, against an Adam step, on this machine.
//
// Each design is timed as its passes' memory accesses only (loads, a sum, stores), with no arithmetic
// of the step, over float arrays the size of the parameters: the time a design could not beat even
// with free arithmetic. The ratio of a design to the Adam pattern is its floor as × Adam. The core's
// own step runs in the same rounds, so the report shows how near the built design comes to its floor.
//
//   g++ -std=c++17 -O2 -mavx2 -ffp-contract=off -pthread -o /tmp/memory_floor
//       arturo-tf/src/bench/native/memory_floor.cc arturo-tf/src/main/native/core/arturo_step.cc
//   /tmp/memory_floor 1000000 40 2
//
// The Maven build compiles it to arturo-tf/target/native/memory_floor when g++ is there, with -mavx2
// when the CPU has AVX2, as the op's loops use it. Built for SSE2 only, the same patterns took 1.04-1.57x
// as long on a 2-vCPU AMD EPYC (three alternated runs at 1e6, 2026-12-08), so the floor would be too
// high.
//
// Arguments: elements, rounds, threads (1 or 2). Before every step the caches are emptied by reading
// 64 MB of other data; a step's passes then run back to back, so a pass finds in the caches what the
// one before it left there, as in the op. The designs run interleaved, round by round; the report
// gives medians.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <pmmintrin.h>
#include <xmmintrin.h>

#include "../../main/native/core/arturo_step.h"
#include "../../test/native/golden_buffers.h"

namespace {

// Denormals flushed, as TensorFlow runs its kernels: the synthetic state's tiny values would
// otherwise slow the core's arithmetic by an order of magnitude.
void flushDenormals() {
    _MM_SET_FLUSH_ZERO_MODE(_MM_FLUSH_ZERO_ON);
    _MM_SET_DENORMALS_ZERO_MODE(_MM_DENORMALS_ZERO_ON);
}

typedef float Floats __attribute__((vector_size(32)));

Floats load(const float* p) {
    Floats v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

void store(float* p, Floats v) { std::memcpy(p, &v, sizeof v); }

// One pass over the arrays, by index: it reads `reads`, writes `inPlace` (a subset of `reads`) back
// and writes `fresh`, which it does not read (a scratch: each line costs a read for ownership).
struct Pass {
    std::vector<int> reads;
    std::vector<int> inPlace;
    std::vector<int> fresh;
};

struct Design {
    std::string name;
    std::vector<Pass> passes;
};

// θ, g, the six state floats (prec, lin, quad, p00, p01, p11), then three scratch arrays.
enum Array { kTheta, kGradient, kPrec, kLin, kQuad, kP00, kP01, kP11, kScratch0, kScratch1, kScratch2, kArrays };

// The loop with the counts known at compile time, so that it unrolls into plain vector loads and
// stores (a loop over the array lists measured half as fast as the op's own passes).
template <int kReads, int kInPlace, int kFresh>
void runPassOf(const Pass& p, float* const* arrays, int64_t begin, int64_t end, volatile float& sink) {
    const float* read[kReads];
    float* inPlace[kInPlace > 0 ? kInPlace : 1];
    float* fresh[kFresh > 0 ? kFresh : 1];
    for (int a = 0; a < kReads; a++) read[a] = arrays[p.reads[a]];
    for (int a = 0; a < kInPlace; a++) inPlace[a] = arrays[p.inPlace[a]];
    for (int a = 0; a < kFresh; a++) fresh[a] = arrays[p.fresh[a]];
    Floats total = {};
    for (int64_t j = begin; j + 8 <= end; j += 8) {
        Floats sum = {};
#pragma GCC unroll 16
        for (int a = 0; a < kReads; a++) sum += load(read[a] + j);
#pragma GCC unroll 16
        for (int a = 0; a < kInPlace; a++) store(inPlace[a] + j, load(inPlace[a] + j) + sum * 1e-30f);
#pragma GCC unroll 16
        for (int a = 0; a < kFresh; a++) store(fresh[a] + j, sum);
        total += sum;
    }
    sink = sink + total[0];
}

void runPass(const Pass& p, float* const* arrays, int64_t begin, int64_t end, volatile float& sink) {
    const int shape = 100 * static_cast<int>(p.reads.size()) + 10 * static_cast<int>(p.inPlace.size()) +
                      static_cast<int>(p.fresh.size());
    switch (shape) {
        case 430: return runPassOf<4, 3, 0>(p, arrays, begin, end, sink);
        case 802: return runPassOf<8, 0, 2>(p, arrays, begin, end, sink);
        case 200: return runPassOf<2, 0, 0>(p, arrays, begin, end, sink);
        case 870: return runPassOf<8, 7, 0>(p, arrays, begin, end, sink);
        case 100: return runPassOf<1, 0, 0>(p, arrays, begin, end, sink);
        case 863: return runPassOf<8, 6, 3>(p, arrays, begin, end, sink);
        case 310: return runPassOf<3, 1, 0>(p, arrays, begin, end, sink);
        default: std::fprintf(stderr, "no loop for pass shape %d\n", shape); std::abort();
    }
}

// A second thread that spins between passes, as the native op's helper does, so that no pass pays for
// starting a thread.
class Helper {
  public:
    Helper() : thread_([this] { loop(); }) {}
    ~Helper() {
        stop_ = true;
        round_.fetch_add(1);
        thread_.join();
    }
    void start(std::function<void()> work) {
        work_ = std::move(work);
        round_.fetch_add(1);
    }
    void wait() const {
        while (done_.load() != round_.load()) {
        }
    }

  private:
    void loop() {
        flushDenormals();
        int seen = 0;
        for (;;) {
            while (round_.load() == seen) {
            }
            seen = round_.load();
            if (stop_) return;
            work_();
            done_.store(seen);
        }
    }
    std::function<void()> work_;
    std::atomic<int> round_{0};
    std::atomic<int> done_{0};
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

// Runs work(begin, end) over [0, n): on the calling thread, or split in halves with the helper.
void split(int64_t n, Helper* helper, const std::function<void(int64_t, int64_t)>& work) {
    if (helper == nullptr) {
        work(0, n);
        return;
    }
    int64_t half = n / 2;
    helper->start([&] { work(half, n); });
    work(0, half);
    helper->wait();
}

// A design's step: its passes back to back, as the op runs them, each split between the threads at a
// multiple of the vector width.
void runDesign(const Design& d, float* const* arrays, int64_t n, Helper* helper) {
    volatile float sink = 0;
    for (const Pass& p : d.passes) {
        split(n / 8, helper, [&](int64_t first, int64_t last) { runPass(p, arrays, first * 8, last * 8, sink); });
    }
}

// One timed step, after the caches have been emptied by reading other data.
double timeStep(const std::function<void()>& step, const float* junk, int64_t junkFloats) {
    volatile float sink = 0;
    for (int64_t i = 0; i < junkFloats; i += 16) sink = sink + junk[i];
    auto start = std::chrono::steady_clock::now();
    step();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    flushDenormals();
    if (argc != 4) {
        std::fprintf(stderr, "usage: memory_floor <elements> <rounds> <threads: 1 or 2>\n");
        return 2;
    }
    const int64_t n = std::atoll(argv[1]);
    const int rounds = std::atoi(argv[2]);
    const int threads = std::atoi(argv[3]);
    if (n < 1024 || rounds < 1 || (threads != 1 && threads != 2)) {
        std::fprintf(stderr, "elements >= 1024, rounds >= 1, threads 1 or 2\n");
        return 2;
    }
    // Every buffer is 64-byte aligned, filled with small normal floats, and freed at the end.
    std::vector<std::unique_ptr<float, decltype(&std::free)>> buffers;
    auto allocate = [&buffers](int64_t floats) {
        float* p = static_cast<float*>(std::aligned_alloc(64, ((floats * 4 + 63) / 64) * 64));
        for (int64_t i = 0; i < floats; i++) p[i] = 1.0f + static_cast<float>(i % 7);
        buffers.emplace_back(p, &std::free);
        return p;
    };
    float* arrays[kArrays];
    for (int a = 0; a < kArrays; a++) arrays[a] = allocate(n);
    const int64_t junkFloats = 16 << 20;
    const float* junk = allocate(junkFloats);

    // The passes of docs/native-kernel.md, "The core". Adam's m and v stand in arrays 2 and 3.
    const std::vector<int> all = {kTheta, kGradient, kPrec, kLin, kQuad, kP00, kP01, kP11};
    const std::vector<int> stateAndTheta = {kTheta, kPrec, kLin, kQuad, kP00, kP01, kP11};
    const std::vector<int> state = {kPrec, kLin, kQuad, kP00, kP01, kP11};
    const Pass passA{all, {}, {kScratch0, kScratch1}};
    const Pass solverPass{{kScratch0, kScratch1}, {}, {}};
    const Pass passB{all, stateAndTheta, {}};
    const std::vector<Design> designs = {
        {"Adam: reads θ, g, m, v; writes θ, m, v in place (28 B)", {{{kTheta, kGradient, kPrec, kLin}, {kTheta, kPrec, kLin}, {}}}},
        {"arTuRO as built, one solver pass over the scratch (108 B)", {passA, solverPass, passB}},
        {"arTuRO as built, no solver pass over the scratch (100 B)", {passA, passB}},
        {"arTuRO with the state written in pass A (96 B)",
         {{{kGradient}, {}, {}}, {all, state, {kScratch0, kScratch1, kScratch2}}, solverPass,
          {{kTheta, kScratch0, kScratch2}, {kTheta}, {}}}},
    };
    std::unique_ptr<Helper> helper(threads == 2 ? new Helper() : nullptr);
    struct Row {
        std::string name;
        std::function<void()> step;
    };
    std::vector<Row> rows;
    for (const Design& d : designs) rows.push_back({d.name, [&, d] { runDesign(d, arrays, n, helper.get()); }});

    // The core's own step on its own arrays, arithmetic included: a filter state of the usual scale
    // and a fresh N(0, 0.01²) gradient in every step, as the benchmark's optimizer step has.
    std::mt19937 random(1);
    std::normal_distribution<float> normal(0.0f, 0.01f);
    std::vector<float> theta(n);
    for (float& x : theta) x = 10.0f * normal(random);
    // prec 1, lin 0, quad 0, P = 0.01·I; ρ = 1, ν = ½, λ = 1e-3, q = 1e-4, r = 1e-2.
    arturo_test::Buffers core(theta, 1.0f, 0.0f, 1e-2f);
    std::vector<float> coreScratch(2 * n);
    const std::vector<arturo::TensorState> tensors = {core.view()};
    arturo::StepConfig config = arturo_test::stepConfig(0.0028, 0, 1.0, 0.5, 1e-3, 1e-4, 1e-2);
    const arturo::ParallelFor parallel = [&](int64_t count, const std::function<void(int64_t, int64_t)>& work) {
        split(count, helper.get(), work);
    };
    int64_t solverPasses = 0;
    int coreSteps = 0;
    rows.push_back({"the core's own step, its arithmetic included", [&] {
                        arturo::StepResult r = arturo::step(tensors, config, coreScratch.data(), parallel);
                        config.firstStep = false;
                        config.lastEta = r.eta;
                        solverPasses += r.iterations;
                        coreSteps++;
                    }});

    std::vector<std::vector<double>> times(rows.size());
    for (int r = 0; r < rounds; r++) {
        for (float& g : core.grad) g = normal(random);  // untimed
        for (size_t k = 0; k < rows.size(); k++) times[k].push_back(timeStep(rows[k].step, junk, junkFloats));
    }
    const double adam = median(times[0]);
    std::printf("%lld elements, %d thread(s), median of %d interleaved rounds, caches emptied before each step\n\n",
                static_cast<long long>(n), threads, rounds);
    std::printf("| memory pattern | median ms | x Adam |\n|---|---:|---:|\n");
    for (size_t k = 0; k < rows.size(); k++) {
        double ms = median(times[k]);
        std::printf("| %s | %.3f | %.2f |\n", rows[k].name.c_str(), ms, ms / adam);
    }
    std::printf("\nThe core's solver took %.2f passes per step on average.\n",
                static_cast<double>(solverPasses) / coreSteps);
    return 0;
}
