// How often the exact solver could skip its pass over the scratch: a study for a solver that
// certifies |C(η) − ε| ≤ tolerance·ε from pass A's sums alone (docs/native-kernel.md, "Not yet").
//
//   g++ -std=c++17 -O2 -ffp-contract=off -o /tmp/solver_reach
//       arturo-tf/src/bench/native/solver_reach.cc arturo-tf/src/main/native/core/arturo_step.cc
//   /tmp/solver_reach 200000 120
//   /tmp/solver_reach arturo-tf/src/test/resources/golden/nonconvex-exact.json
//
// Arguments: elements and steps, or a golden trajectory (exact solver) to replay teacher-forced. The
// first runs the core's step on one tensor with the default hyperparameters (ArturoConfig's, the
// Fashion-MNIST preset) and fresh N(0, 0.01²) gradients, as the benchmark's optimizer step does.
// After each step whose solver started at pass A's warm start, it reads the step's λ and c from the scratch and,
// in double precision, asks: with the moments m_k = Σ c·x^(k+2), x = 1/(λ + η0), at the warm start η0
// (pass A could sum them), does Newton on the Taylor model C(η0 + h) ≈ ½ Σ_{k≤K} (k+1)(−h)^k m_k
// reach a point where the model is within the tolerance band with room for its remainder? The
// remainder is bounded with the largest x (the smallest λ): m_k ≤ m_K·x_max^(k−K), so for t = |h|·x_max
// < 1 it is at most ½ m_K |h|^K ((K+1)·t/(1−t) + t/(1−t)²). Each certified η is then checked against
// the exact C summed from the scratch. This is a study in double precision, not a design: a solver
// built on it would have to make the same float decisions on both kernels.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include "../../main/native/core/arturo_step.h"
#include "../../test/native/golden_buffers.h"
#include "../../test/native/json_lite.h"

namespace {

constexpr int64_t kChunk = 1 << 15;  // the core's chunk: its scratch holds each chunk's λ, then its c
constexpr int kMaxOrder = 8;

// Calls f(λ, c) for every element of the scratch of a step over tensors of the given sizes.
template <class F>
void forEachTerm(const std::vector<float>& scratch, const std::vector<int64_t>& sizes, F f) {
    int64_t offset = 0;
    for (int64_t n : sizes) {
        for (int64_t begin = 0; begin < n; begin += kChunk) {
            int64_t size = std::min(kChunk, n - begin);
            const float* lambdas = scratch.data() + 2 * (offset + begin);
            const float* cs = lambdas + size;
            for (int64_t j = 0; j < size; j++) f(static_cast<double>(lambdas[j]), static_cast<double>(cs[j]));
        }
        offset += n;
    }
}

struct Outcome {
    bool certified = false;
    double h = 0;
};

// Newton on φ = C^(-1/2) − ε^(-1/2) over the Taylor model of order K, up to six model steps.
Outcome certify(const std::vector<double>& m, int order, double xMax, double eps, double tolerance) {
    Outcome o;
    for (int step = 0; step < 6; step++) {
        double model = 0, slope = 0, power = 1;
        for (int k = 0; k <= order; k++) {
            model += 0.5 * (k + 1) * power * m[k];
            power *= -o.h;
        }
        power = 1;
        for (int k = 1; k <= order; k++) {
            slope += 0.5 * (k + 1) * k * (k % 2 == 1 ? -1.0 : 1.0) * power * m[k];
            power *= o.h;
        }
        double t = std::fabs(o.h) * xMax;
        double remainder = t < 1 ? 0.5 * m[order] * std::pow(std::fabs(o.h), order) *
                                       ((order + 1) * t / (1 - t) + t / ((1 - t) * (1 - t)))
                                 : INFINITY;
        if (std::fabs(model - eps) + remainder <= tolerance * eps) {
            o.certified = true;
            return o;
        }
        double phi = 1 / std::sqrt(model) - 1 / std::sqrt(eps);
        double dphi = -0.5 * std::pow(model, -1.5) * slope;
        o.h -= phi / dphi;
    }
    return o;
}

using arturo_test::Buffers;

// A run to study: tensors, a configuration, and what each step's gradients and ε are.
struct Problem {
    std::string name;
    std::vector<Buffers> tensors;
    arturo::StepConfig config{};
    int steps = 0;
    std::function<void(int, Problem&)> prepare;  // sets step s's gradients and ε
};

// ArturoConfig's defaults: ε 0.0857, ρ 0.0587, ν 1.3, λ 0.0015, varInit 0.01 (prec 100), q 0.0174,
// r 2.82, p0 5e-5, a0 0.1; θ ~ N(0, 0.05²), fresh N(0, 0.01²) gradients.
Problem synthetic(int64_t n, int steps) {
    Problem p;
    p.name = std::to_string(n) + " elements, the benchmark's state";
    std::mt19937 random(1);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> initial(n);
    for (float& x : initial) x = 0.05f * normal(random);
    p.tensors.emplace_back(initial, 100.0f, 0.1f, 5e-5f);
    p.config = arturo_test::stepConfig(0.08567456308209788, 0, 0.05865661620286048, 1.3, 0.0015,
                                       0.017392958232048346, 2.8167911612651997);
    p.steps = steps;
    p.prepare = [random, normal](int, Problem& self) mutable {
        for (float& g : self.tensors[0].grad) g = 0.01f * normal(random);
    };
    return p;
}

// A golden trajectory (../shared/golden's format), its gradients teacher-forced.
Problem golden(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto g = std::make_shared<json::Value>(json::parse(text.str()));
    if ((*g)["config"]["solver"].string != "exact") throw std::runtime_error(path + ": not an exact-solver trajectory");
    Problem p;
    p.name = path;
    p.tensors = arturo_test::goldenTensors(*g);
    p.config = arturo_test::goldenConfig(*g);
    p.steps = static_cast<int>((*g)["steps"].size());
    p.prepare = [g](int s, Problem& self) {
        const json::Value& step = (*g)["steps"][s];
        for (size_t i = 0; i < self.tensors.size(); i++) self.tensors[i].grad = arturo_test::floats(step["grads"][i]);
        self.config.epsilon = static_cast<float>(step["epsilon"].number);
    };
    return p;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "usage: solver_reach <elements> <steps> | solver_reach <golden.json>\n");
        return 2;
    }
    Problem p;
    try {
        p = argc == 3 ? synthetic(std::atoll(argv[1]), std::atoi(argv[2])) : golden(argv[1]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    std::vector<int64_t> sizes;
    for (Buffers& t : p.tensors) sizes.push_back(static_cast<int64_t>(t.theta.size()));
    int64_t total = 0;
    for (int64_t n : sizes) total += n;
    std::vector<float> scratch(2 * total);

    const int orders[] = {2, 3, 4, 6};
    int certified[4] = {}, wrong = 0, needed = 0, notAtWarmStart = 0;
    double largestT[4] = {}, worstError[4] = {};
    for (int s = 0; s < p.steps; s++) {
        p.prepare(s, p);
        std::vector<arturo::TensorState> views;
        for (Buffers& t : p.tensors) views.push_back(t.view());
        p.config.firstStep = s == 0;
        const double eta0 = std::fmax(p.config.lastEta, 0.0f);
        arturo::StepResult r = arturo::step(views, p.config, scratch.data());
        p.config.lastEta = r.eta;
        if (s < 6 || !r.applied) continue;  // the filter's first steps, and skipped steps
        std::vector<double> m(kMaxOrder + 1, 0.0);
        double smallest = INFINITY;
        forEachTerm(scratch, sizes, [&](double l, double c) {
            double x = 1 / (l + eta0), term = c * x * x;
            for (double& moment : m) {
                moment += term;
                term *= x;
            }
            smallest = std::min(smallest, l);
        });
        // The solver starts at pass A's warm start when every λ is positive or η0 lies right of the pole.
        if (!(smallest > 0 || (smallest + eta0 > 0 && eta0 >= -smallest * (1 + 1e-6) + 1e-6))) {
            notAtWarmStart++;
            continue;
        }
        const double eps = p.config.epsilon, tolerance = p.config.tolerance;
        if (std::fabs(0.5 * m[0] - eps) <= tolerance * eps) continue;  // the warm start converged
        needed++;
        for (int i = 0; i < 4; i++) {
            Outcome o = certify(m, orders[i], 1 / (smallest + eta0), eps, tolerance);
            if (!o.certified) continue;
            double exact = 0;
            forEachTerm(scratch, sizes, [&](double l, double c) {
                double x = 1 / (l + eta0 + o.h);
                exact += 0.5 * c * x * x;
            });
            double error = std::fabs(exact - eps) / eps;
            if (error > tolerance) wrong++;
            certified[i]++;
            worstError[i] = std::max(worstError[i], error);
            largestT[i] = std::max(largestT[i], std::fabs(o.h) / (smallest + eta0));
        }
    }
    std::printf("%s, %d steps: %d needed a second evaluation of C after the warm start", p.name.c_str(), p.steps,
                needed);
    std::printf(" (%d more started left of the pole)\n\n", notAtWarmStart);
    std::printf("| moments up to | certified without a pass | worst exact abs(C − ε)/ε there | largest abs(h)·x_max |\n");
    std::printf("|---|---:|---:|---:|\n");
    for (int i = 0; i < 4; i++) {
        std::printf("| x^%d | %d of %d | %.2g | %.3g |\n", orders[i] + 2, certified[i], needed, worstError[i],
                    largestT[i]);
    }
    std::printf("\nCertified but outside the band when summed exactly: %d\n", wrong);
    return wrong == 0 ? 0 : 1;
}
