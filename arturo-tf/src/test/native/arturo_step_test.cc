// Tests of the native arTuRO core on its own: hand-computed steps, the guard, KL = ε, and the
// golden trajectories (src/test/resources/golden, and every set in ARTURO_GOLDEN_DIR when it is set)
// replayed within the tolerances the graph's replay uses. Usage: arturo_step_test <golden dir>.
#include "../../main/native/core/arturo_step.h"
#include "../../main/native/core/helper_team.h"
#include "golden_buffers.h"
#include "json_lite.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sched.h>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using arturo_test::Buffers;
using arturo_test::floats;

int failures = 0;

void check(bool ok, const std::string& what) {
    if (!ok) {
        std::printf("FAIL: %s\n", what.c_str());
        failures++;
    }
}

bool near(double got, double want, double tolerance) { return std::fabs(got - want) <= tolerance; }

arturo::StepConfig handConfig(float epsilon) {
    // ρ = ν = 1 (1/(ρ+ν) = ½), λ = 0, q = 0, r = 1, no decay, exact solver at its defaults.
    return arturo::StepConfig{epsilon, 0.0f, 1.0f, 0.0f, 0.5f, 0.0f, 0.0f, 1.0f, 1e-3f, 30, true, 0.0f};
}

// θ = 1, g = 2, first step (lin = g), quad = 1, P = I, prec = 1. By hand: s = 3, k = (1/3, 1/3),
// δ = −1, lin = 5/3, quad = 2/3, P = [[2/3, −1/3], [−1/3, 2/3]], h = 2/3, u = 7/3, λ = 2/3,
// c = 49/9, C(0) = ½·c/λ² = 49/8.
void handComputedUnconstrainedStep() {
    Buffers b({1.0f}, 1.0f, 1.0f, 1.0f);
    b.grad = {2.0f};
    std::vector<float> scratch(2);
    std::vector<arturo::TensorState> ts{b.view()};
    arturo::StepResult r = arturo::step(ts, handConfig(10.0f), scratch.data());
    check(r.applied && r.eta == 0.0f, "C(0) = 49/8 <= 10: eta = 0");
    check(near(r.kl, 49.0 / 8, 1e-5), "kl = 49/8, got " + std::to_string(r.kl));
    check(near(b.theta[0], 1 - 3.5, 1e-6), "theta = 1 - u/h = -2.5, got " + std::to_string(b.theta[0]));
    check(near(b.lin[0], 5.0 / 3, 1e-6) && near(b.quad[0], 2.0 / 3, 1e-6), "lin = 5/3, quad = 2/3");
    check(near(b.p00[0], 2.0 / 3, 1e-6) && near(b.p01[0], -1.0 / 3, 1e-6) && near(b.p11[0], 2.0 / 3, 1e-6),
          "P = [[2/3, -1/3], [-1/3, 2/3]]");
    check(near(b.prec[0], (2.0 / 3 + 1) / 2, 1e-6), "prec = (h + nu prec)/(rho + nu) = 5/6");
}

// The same element with ε = ½: ½·(49/9)/(2/3 + η)² = ½ gives η = 5/3 and θ = 1 − (7/3)/(7/3) = 0.
void handComputedConstrainedStep() {
    Buffers b({1.0f}, 1.0f, 1.0f, 1.0f);
    b.grad = {2.0f};
    std::vector<float> scratch(2);
    std::vector<arturo::TensorState> ts{b.view()};
    arturo::StepResult r = arturo::step(ts, handConfig(0.5f), scratch.data());
    check(r.applied && near(r.eta, 5.0 / 3, 1e-5), "eta = 5/3, got " + std::to_string(r.eta));
    check(near(r.kl, 0.5, 1e-6), "kl = epsilon, got " + std::to_string(r.kl));
    check(near(b.theta[0], 0.0, 1e-6), "theta = 0, got " + std::to_string(b.theta[0]));
    check(r.iterations >= 1 && r.iterations <= 30, "solver passes within the cap");
}

// A NaN or an infinity in any gradient element: nothing is written, bit for bit.
void nonFiniteGradientWritesNothing() {
    for (float bad : {std::nanf(""), INFINITY, -INFINITY}) {
        Buffers a({0.3f, -0.2f, 0.9f}, 100.0f, 0.1f, 5e-5f);
        Buffers b({0.5f, 0.1f}, 100.0f, 0.1f, 5e-5f);
        a.grad = {0.1f, 0.2f, 0.3f};
        b.grad = {bad, 0.4f};
        std::vector<float> beforeA = a.all(), beforeB = b.all();
        std::vector<float> scratch(10);
        std::vector<arturo::TensorState> ts{a.view(), b.view()};
        arturo::StepResult r = arturo::step(ts, handConfig(0.05f), scratch.data());
        check(!r.applied, "a non-finite gradient is not applied");
        check(std::memcmp(beforeA.data(), a.all().data(), beforeA.size() * 4) == 0
                  && std::memcmp(beforeB.data(), b.all().data(), beforeB.size() * 4) == 0,
              "state and parameters unchanged after a skipped step");
    }
}

// The outlier guard: max|g| ignores NaN and counts ±∞; above the bound nothing is written and the
// step says it was an outlier; an infinite max|g| is no outlier (it is skipped as non-finite).
void outlierGuardJudgesMaxAbsGradient() {
    struct Case {
        std::vector<float> grad;
        float bound;
        float maxAbs;
        bool outlier, applied;
    };
    // max|g| + 1e-30 is 0.4f exactly: an outlier just above the bound, none at it (the comparison is >).
    const float below = std::nextafter(0.4f, 0.0f);
    for (const Case& c : {Case{{0.1f, -0.4f}, below, 0.4f, true, false},
                          Case{{0.1f, -0.4f}, 0.4f, 0.4f, false, true},
                          Case{{std::nanf(""), -0.4f}, below, 0.4f, true, false},
                          Case{{-INFINITY, 0.2f}, 1.0f, INFINITY, false, false}}) {
        Buffers a({0.3f, -0.2f, 0.9f}, 100.0f, 0.1f, 5e-5f);
        Buffers b({0.5f, 0.1f}, 100.0f, 0.1f, 5e-5f);
        a.grad = {0.1f, 0.2f, 0.3f};
        b.grad = c.grad;
        std::vector<float> beforeA = a.all(), beforeB = b.all();
        std::vector<float> scratch(10);
        std::vector<arturo::TensorState> ts{a.view(), b.view()};
        arturo::StepConfig config = handConfig(0.05f);
        config.outlierBound = c.bound;
        arturo::StepResult r = arturo::step(ts, config, scratch.data());
        check(r.maxAbsGradient == c.maxAbs, "max|g| = " + std::to_string(c.maxAbs) + ", got " + std::to_string(r.maxAbsGradient));
        check(r.outlier == c.outlier && r.applied == c.applied, "outlier/applied as expected for max|g| " + std::to_string(c.maxAbs));
        bool unchanged = std::memcmp(beforeA.data(), a.all().data(), beforeA.size() * 4) == 0
                         && std::memcmp(beforeB.data(), b.all().data(), beforeB.size() * 4) == 0;
        check(unchanged != c.applied, "written exactly when applied");
    }
}

// Over random problems with the bound active, the step's KL is ε_t within the solver's tolerance.
void klMeetsTheBound() {
    std::mt19937 rng(7);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (int trial = 0; trial < 20; trial++) {
        Buffers a(std::vector<float>(1000), 100.0f, 0.1f, 5e-5f);
        Buffers b(std::vector<float>(37), 100.0f, 0.1f, 5e-5f);
        for (auto* buf : {&a, &b})
            for (size_t j = 0; j < buf->theta.size(); j++) { buf->theta[j] = normal(rng); buf->grad[j] = 10 * normal(rng); }
        std::vector<float> scratch(2 * 1037);
        std::vector<arturo::TensorState> ts{a.view(), b.view()};
        arturo::StepConfig c = handConfig(1e-3f);
        c.rhoLambda = 0.05f;
        arturo::StepResult r = arturo::step(ts, c, scratch.data());
        check(r.applied && r.eta > 0, "the bound is active");
        check(std::fabs(r.kl - 1e-3) <= 1e-3 * 1e-3 * 1.01, "KL = epsilon within tolerance, got " + std::to_string(r.kl));
    }
}

// A negative curvature puts the pole of C at η_min > 0. When the last η lies right of it, the solver's
// first η is the warm start that pass A summed at, so its first pass costs no pass over the scratch:
// the host's ParallelFor runs pass A, one pass per further solver iteration, and pass B.
// Element 1: h = 2/3, c = 49/9 (as above). Element 2: quad −3 gives quad −2, so λ = −2 and η_min = 2;
// u = 1, c = 1. C(10) = ½(0.0478 + 1/64) = 0.0317 > ε = 0.03, so η* lies a little right of 10.
void theFirstPassIsFusedRightOfThePole() {
    Buffers b({1.0f, 1.0f}, 1.0f, 1.0f, 1.0f);
    b.grad = {2.0f, 2.0f};
    b.lin = {2.0f, 2.0f};
    b.quad = {1.0f, -3.0f};
    std::vector<float> scratch(4);
    std::vector<arturo::TensorState> ts{b.view()};
    arturo::StepConfig c = handConfig(0.03f);
    c.firstStep = false;
    c.lastEta = 10.0f;
    int passes = 0;
    arturo::ParallelFor counting = [&](int64_t count, const std::function<void(int64_t, int64_t)>& work) {
        passes++;
        arturo::serialFor(count, work);
    };
    arturo::StepResult r = arturo::step(ts, c, scratch.data(), counting);
    check(r.applied && r.eta > 10.0f && r.iterations >= 2, "the bound is active right of the pole, eta = " + std::to_string(r.eta));
    check(std::fabs(r.kl - 0.03) <= 0.03 * 1e-3 * 1.01, "KL = epsilon within tolerance, got " + std::to_string(r.kl));
    check(passes == r.iterations + 1, "passes over memory: pass A, " + std::to_string(r.iterations - 1) +
                                          " over the scratch, pass B; got " + std::to_string(passes) + " in all");

    // With the last η left of the pole, the solver starts just right of the pole, where pass A did not
    // sum, so its first pass goes over the scratch too.
    Buffers left({1.0f, 1.0f}, 1.0f, 1.0f, 1.0f);
    left.grad = {2.0f, 2.0f};
    left.lin = {2.0f, 2.0f};
    left.quad = {1.0f, -3.0f};
    std::vector<arturo::TensorState> leftTensors{left.view()};
    c.lastEta = 1.0f;
    passes = 0;
    arturo::StepResult fromTheLeft = arturo::step(leftTensors, c, scratch.data(), counting);
    check(fromTheLeft.applied && near(fromTheLeft.eta, r.eta, 1e-3 * r.eta), "the same root from the left of the pole");
    check(passes == fromTheLeft.iterations + 2, "from the left of the pole, every solver pass goes over the scratch; got " +
                                                    std::to_string(passes) + " passes for " +
                                                    std::to_string(fromTheLeft.iterations) + " iterations");
}

// When a helper of a HelperTeam starts: at once on its own thread, after the first pass (so that it
// joins a step under way), only after the step is over, or never.
enum class HelperStart { kAtOnce, kAfterFirstPass, kAfterTheStep, kNever };

// A chunk's worth of work in the tests of HelperTeam: about a microsecond.
void busyWork() {
    volatile float x = 1.0f;
    for (int k = 0; k < 500; k++) x = x * 0.999f + 0.001f;
}

// Every chunk of every pass runs exactly once, however many helpers start and whenever they do, and
// a pass never waits for a helper that has not started.
void helperTeamRunsEveryChunkOnce() {
    for (int helpers : {0, 1, 3}) {
        for (HelperStart start : {HelperStart::kAtOnce, HelperStart::kAfterFirstPass, HelperStart::kAfterTheStep,
                                  HelperStart::kNever}) {
            std::vector<std::function<void()>> pending;
            std::vector<std::thread> threads;
            auto schedule = [&](std::function<void()> task) {
                if (start == HelperStart::kAtOnce) threads.emplace_back(std::move(task));
                else pending.push_back(std::move(task));
            };
            auto startPending = [&] {
                for (auto& task : pending) threads.emplace_back(std::move(task));
                pending.clear();
            };
            bool everyChunkOnce = true;
            {
                arturo::HelperTeam team(schedule, helpers);
                for (int64_t count : {31, 0, 1, 2, 7, 100, 1000}) {
                    std::vector<std::atomic<int>> runs(static_cast<size_t>(count));
                    team.run(count, [&](int64_t first, int64_t last) {
                        for (int64_t i = first; i < last; i++) {
                            busyWork();  // first, so that a pass returning early finds the chunk not counted
                            runs[static_cast<size_t>(i)]++;
                        }
                    });
                    for (const auto& r : runs) everyChunkOnce = everyChunkOnce && r.load() == 1;
                    if (start == HelperStart::kAfterFirstPass) startPending();
                }
            }
            if (start == HelperStart::kAfterTheStep) startPending();  // they must find the step over
            for (auto& t : threads) t.join();
            check(everyChunkOnce, "helper team with " + std::to_string(helpers) + " helper(s), start mode "
                                      + std::to_string(static_cast<int>(start)) + ": every chunk ran exactly once");
        }
    }
    // Many short passes, where the helper and the caller meet on every claim.
    std::vector<std::thread> threads;
    bool everyChunkOnce = true;
    {
        arturo::HelperTeam team([&](std::function<void()> task) { threads.emplace_back(std::move(task)); }, 1);
        for (int pass = 0; pass < 20000; pass++) {
            std::atomic<int> runs[3] = {0, 0, 0};
            team.run(3, [&](int64_t first, int64_t last) {
                for (int64_t i = first; i < last; i++) {
                    busyWork();
                    runs[i]++;
                }
            });
            everyChunkOnce = everyChunkOnce && runs[0] == 1 && runs[1] == 1 && runs[2] == 1;
        }
    }
    for (auto& t : threads) t.join();
    check(everyChunkOnce, "helper team over 20000 passes: every chunk ran exactly once");
}

// Where a helper works and which mask it keeps, with the caller pinned to one CPU c of the two first
// allowed ones, c and d. The helper thread starts with the mask {c} it inherits, then widens it to
// `helperMask` and runs its task. The caller's first chunk blocks until a helper chunk is done, so the
// helper meets a caller that is not running. In its chunk the helper notes its CPU and mask, and
// after its task its mask again.
struct HelperPlacementSeen {
    bool helperRanAChunk = false;
    int cpuInChunk = -1;
    cpu_set_t maskInChunk;
    cpu_set_t maskAfter;
};

HelperPlacementSeen placeOneHelper(const cpu_set_t& helperMask, arturo::HelperTeam::Placement placement) {
    HelperPlacementSeen seen;
    std::mutex m;
    std::condition_variable helperDone;
    std::thread helper;
    {
        arturo::HelperTeam team([&](std::function<void()> task) {
            helper = std::thread([&seen, &helperMask, task = std::move(task)] {
                sched_setaffinity(0, sizeof(helperMask), &helperMask);
                task();
                sched_getaffinity(0, sizeof(seen.maskAfter), &seen.maskAfter);
            });
        }, 1, placement);
        team.run(4, [&](int64_t first, int64_t) {
            std::unique_lock<std::mutex> lock(m);
            if (first == 0) {
                helperDone.wait_for(lock, std::chrono::seconds(5), [&] { return seen.helperRanAChunk; });
            } else if (!seen.helperRanAChunk) {
                seen.cpuInChunk = sched_getcpu();
                sched_getaffinity(0, sizeof(seen.maskInChunk), &seen.maskInChunk);
                seen.helperRanAChunk = true;
                helperDone.notify_all();
            }
        });
    }
    helper.join();
    return seen;
}

void helperPlacementLeavesTheCallersCpuAndRestoresTheMask() {
    cpu_set_t own;
    sched_getaffinity(0, sizeof(own), &own);
    int cpus[2] = {-1, -1};
    for (int k = 0, found = 0; k < CPU_SETSIZE && found < 2; k++) {
        if (CPU_ISSET(k, &own)) cpus[found++] = k;
    }
    if (cpus[1] < 0) {
        std::printf("helper placement: skipped, this process may run on one CPU only\n");
        return;
    }
    const int c = cpus[0];
    const int d = cpus[1];
    cpu_set_t onlyC, both;
    CPU_ZERO(&onlyC);
    CPU_SET(c, &onlyC);
    CPU_ZERO(&both);
    CPU_SET(c, &both);
    CPU_SET(d, &both);
    sched_setaffinity(0, sizeof(onlyC), &onlyC);

    using Placement = arturo::HelperTeam::Placement;
    HelperPlacementSeen moved = placeOneHelper(both, Placement::OFF_CALLERS_CPU);
    check(moved.helperRanAChunk && moved.cpuInChunk == d && CPU_COUNT(&moved.maskInChunk) == 1
              && CPU_ISSET(d, &moved.maskInChunk),
          "OFF_CALLERS_CPU: a helper allowed {c, d} works on d with the mask {d}, got CPU "
              + std::to_string(moved.cpuInChunk));
    check(CPU_EQUAL(&moved.maskAfter, &both), "OFF_CALLERS_CPU: the helper's mask is {c, d} again after the step");

    HelperPlacementSeen stays = placeOneHelper(onlyC, Placement::OFF_CALLERS_CPU);
    check(stays.helperRanAChunk && stays.cpuInChunk == c && CPU_EQUAL(&stays.maskInChunk, &onlyC)
              && CPU_EQUAL(&stays.maskAfter, &onlyC),
          "OFF_CALLERS_CPU: a helper allowed only the caller's CPU stays there with its mask");

    HelperPlacementSeen asScheduled = placeOneHelper(both, Placement::AS_SCHEDULED);
    check(asScheduled.helperRanAChunk && CPU_EQUAL(&asScheduled.maskInChunk, &both)
              && CPU_EQUAL(&asScheduled.maskAfter, &both),
          "AS_SCHEDULED: the helper's mask is never touched");

    sched_setaffinity(0, sizeof(own), &own);
}

// Two real threads splitting the chunks (the later half started first), and a HelperTeam with one
// helper thread: the step must equal the serial one bit for bit, because chunks are fixed and sums
// are added in chunk order.
void aThreadedSplitGivesTheSerialResult() {
    std::mt19937 rng(11);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    Buffers a(std::vector<float>(100000), 100.0f, 0.1f, 5e-5f);
    Buffers b(std::vector<float>(40000), 100.0f, 0.1f, 5e-5f);
    for (auto* buf : {&a, &b})
        for (size_t j = 0; j < buf->theta.size(); j++) { buf->theta[j] = normal(rng); buf->grad[j] = normal(rng); }
    Buffers a2 = a, b2 = b;
    arturo::ParallelFor twoThreads = [](int64_t count, const std::function<void(int64_t, int64_t)>& work) {
        int64_t half = count / 2;
        std::thread later([&] { work(half, count); });
        work(0, half);
        later.join();
    };
    for (int t = 0; t < 3; t++) {
        std::vector<float> s1(2 * 140000), s2(2 * 140000);
        std::vector<arturo::TensorState> serial{a.view(), b.view()}, threaded{a2.view(), b2.view()};
        arturo::StepConfig c = handConfig(1e-3f);
        c.firstStep = t == 0;
        c.rhoLambda = 0.05f;
        arturo::StepResult r1 = arturo::step(serial, c, s1.data());
        Buffers a3 = a2, b3 = b2;
        std::vector<arturo::TensorState> teamed{a3.view(), b3.view()};
        arturo::StepResult r2 = arturo::step(threaded, c, s2.data(), twoThreads);
        std::vector<std::thread> helper;
        arturo::StepResult r3;
        {
            arturo::HelperTeam team([&](std::function<void()> task) { helper.emplace_back(std::move(task)); }, 1);
            r3 = arturo::step(teamed, c, s2.data(), team.parallelFor());
        }
        helper[0].join();
        for (const arturo::StepResult& r : {r2, r3}) {
            check(r1.applied && r.applied && r1.eta == r.eta && r1.kl == r.kl && r1.iterations == r.iterations,
                  "threaded step reports the serial eta, KL and passes");
        }
        check(a.all() == a2.all() && b.all() == b2.all(), "threaded step writes the serial values bit for bit");
        check(a.all() == a3.all() && b.all() == b3.all(), "a step on a helper team writes the serial values bit for bit");
    }
}


// Replays one golden trajectory; returns false when its solver is not the one this core implements.
bool replay(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    json::Value g = json::parse(text.str());
    if (g["config"]["solver"].string != "exact") return false;
    std::vector<Buffers> tensors = arturo_test::goldenTensors(g);
    arturo::StepConfig config = arturo_test::goldenConfig(g);
    int64_t n = 0;
    for (auto& t : tensors) n += static_cast<int64_t>(t.theta.size());
    std::vector<float> scratch(2 * n);
    const json::Value& steps = g["steps"];
    double worstParam = 0, worstEta = 0;
    for (size_t s = 0; s < steps.size(); s++) {
        const json::Value& st = steps[s];
        std::vector<arturo::TensorState> ts;
        for (size_t i = 0; i < tensors.size(); i++) {
            tensors[i].grad = floats(st["grads"][i]);
            ts.push_back(tensors[i].view());
        }
        config.epsilon = static_cast<float>(st["epsilon"].number);
        config.firstStep = s == 0;
        arturo::StepResult r = arturo::step(ts, config, scratch.data());
        check(r.applied, path + ": step " + std::to_string(s) + " applied");
        config.lastEta = r.eta;
        double want = st["eta"].number;
        worstEta = std::fmax(worstEta, std::fabs(r.eta - want) / std::fmax(1.0, std::fabs(want)));
        for (size_t i = 0; i < tensors.size(); i++) {
            const json::Value& params = st["params"][i];
            for (size_t j = 0; j < params.size(); j++) {
                double w = params[j].number;
                worstParam = std::fmax(worstParam, std::fabs(tensors[i].theta[j] - w) / (std::fabs(w) + 1e-3));
            }
        }
    }
    std::printf("  %s: %zu steps, worst parameter %.2e, worst eta %.2e\n", path.c_str(), steps.size(), worstParam, worstEta);
    check(worstParam <= 1e-3, path + ": parameters within 1e-3 relative");
    check(worstEta <= 1e-3, path + ": eta within 1e-3");
    return true;
}

// Replays every exact-solver *.json of a directory; an empty or unreadable directory fails.
void replayDirectory(const std::string& dir) {
    DIR* d = opendir(dir.c_str());
    check(d != nullptr, "golden directory " + dir + " is readable");
    if (d == nullptr) return;
    int files = 0, replayed = 0;
    while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) {
            files++;
            try {
                replayed += replay(dir + "/" + name) ? 1 : 0;
            } catch (const std::exception& ex) {
                check(false, dir + "/" + name + ": " + ex.what());
            }
        }
    }
    closedir(d);
    check(files > 0, "golden directory " + dir + " holds *.json files");
    std::printf("  %s: %d of %d sets use the exact solver and were replayed\n", dir.c_str(), replayed, files);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: arturo_step_test <golden dir>\n");
        return 2;
    }
    handComputedUnconstrainedStep();
    handComputedConstrainedStep();
    nonFiniteGradientWritesNothing();
    outlierGuardJudgesMaxAbsGradient();
    klMeetsTheBound();
    theFirstPassIsFusedRightOfThePole();
    helperTeamRunsEveryChunkOnce();
    helperPlacementLeavesTheCallersCpuAndRestoresTheMask();
    aThreadedSplitGivesTheSerialResult();
    replayDirectory(argv[1]);
    if (const char* extra = std::getenv("ARTURO_GOLDEN_DIR")) replayDirectory(extra);
    std::printf(failures == 0 ? "native core: all tests passed\n" : "native core: %d failure(s)\n", failures);
    return failures == 0 ? 0 : 1;
}
