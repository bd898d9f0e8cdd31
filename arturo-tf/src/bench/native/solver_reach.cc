// How often the exact solver could skip its pass over the scratch: a study for a solver that
// certifies |C(η) − ε| ≤ tolerance·ε from pass A's sums alone (docs/native-kernel.md, "Not yet").
//
//   g++ -std=c++17 -O2 -ffp-contract=off -o /tmp/solver_reach
//       arturo-tf/src/bench/native/solver_reach.cc arturo-tf/src/main/native/core/arturo_step.cc
//   /tmp/solver_reach 200000 120
//
// Arguments: elements, steps. It runs the core's step on one tensor with the default
// hyperparameters (ArturoConfig's, the Fashion-MNIST preset) and fresh N(0, 0.01²) gradients, as the
// benchmark's optimizer step does. After each step it reads the step's λ and c from the scratch and,
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
#include <vector>

#include "../../main/native/core/arturo_step.h"

namespace {

constexpr int64_t kChunk = 1 << 15;  // the core's chunk: its scratch holds each chunk's λ, then its c
constexpr int kMaxOrder = 8;

// Calls f(λ, c) for every element of the scratch of a step over one tensor of n elements.
template <class F>
void forEachTerm(const std::vector<float>& scratch, int64_t n, F f) {
    for (int64_t begin = 0; begin < n; begin += kChunk) {
        int64_t size = std::min(kChunk, n - begin);
        const float* lambdas = scratch.data() + 2 * begin;
        const float* cs = lambdas + size;
        for (int64_t j = 0; j < size; j++) f(static_cast<double>(lambdas[j]), static_cast<double>(cs[j]));
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

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: solver_reach <elements> <steps>\n");
        return 2;
    }
    const int64_t n = std::atoll(argv[1]);
    const int steps = std::atoi(argv[2]);
    if (n < 1 || steps < 8) {
        std::fprintf(stderr, "elements >= 1, steps >= 8\n");
        return 2;
    }
    // ArturoConfig's defaults: ε 0.0857, ρ 0.0587, ν 1.3, λ 0.0015, varInit 0.01 (prec 100),
    // q 0.0174, r 2.82, p0 5e-5, a0 0.1; the solver's tolerance 1e-3.
    std::vector<float> theta(n), gradient(n), prec(n, 100.0f), lin(n, 0.0f), quad(n, 0.1f), p00(n, 5e-5f),
        p01(n, 0.0f), p11(n, 5e-5f), scratch(2 * n);
    std::mt19937 random(1);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (float& x : theta) x = 0.05f * normal(random);
    const double rho = 0.05865661620286048, nu = 1.3, lambda = 0.0015;
    arturo::StepConfig config{};
    config.epsilon = 0.08567456308209788f;
    config.nu = static_cast<float>(nu);
    config.rhoLambda = static_cast<float>(rho * lambda);
    config.precScale = static_cast<float>(1 / (rho + nu));
    config.precFloor = static_cast<float>(rho * lambda / (rho + nu));
    config.q = 0.017392958232048346f;
    config.r = 2.8167911612651997f;
    config.tolerance = 1e-3f;
    config.maxIterations = 30;
    config.firstStep = true;
    config.lastEta = 0.0f;
    const std::vector<arturo::TensorState> tensors = {
        {theta.data(), gradient.data(), prec.data(), lin.data(), quad.data(), p00.data(), p01.data(), p11.data(), n}};

    const int orders[] = {2, 3, 4, 6};
    int certified[4] = {}, wrong = 0, needed = 0;
    double largestT[4] = {}, worstError[4] = {};
    for (int s = 0; s < steps; s++) {
        for (float& g : gradient) g = 0.01f * normal(random);
        const double eta0 = std::fmax(config.lastEta, 0.0f);
        arturo::StepResult r = arturo::step(tensors, config, scratch.data());
        config.firstStep = false;
        config.lastEta = r.eta;
        if (s < 6 || !r.applied) continue;  // the filter's first steps, and skipped steps
        std::vector<double> m(kMaxOrder + 1, 0.0);
        double smallest = INFINITY;
        forEachTerm(scratch, n, [&](double l, double c) {
            double x = 1 / (l + eta0), term = c * x * x;
            for (double& moment : m) {
                moment += term;
                term *= x;
            }
            smallest = std::min(smallest, l);
        });
        const double eps = config.epsilon, tolerance = config.tolerance;
        if (std::fabs(0.5 * m[0] - eps) <= tolerance * eps) continue;  // the warm start converged
        needed++;
        for (int i = 0; i < 4; i++) {
            Outcome o = certify(m, orders[i], 1 / (smallest + eta0), eps, tolerance);
            if (!o.certified) continue;
            double exact = 0;
            forEachTerm(scratch, n, [&](double l, double c) {
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
    std::printf("%lld elements, %d steps: %d needed a second evaluation of C after the warm start\n\n",
                static_cast<long long>(n), steps, needed);
    std::printf("| moments up to | certified without a pass | worst exact abs(C − ε)/ε there | largest abs(h)·x_max |\n");
    std::printf("|---|---:|---:|---:|\n");
    for (int i = 0; i < 4; i++) {
        std::printf("| x^%d | %d of %d | %.2g | %.3g |\n", orders[i] + 2, certified[i], needed, worstError[i],
                    largestT[i]);
    }
    std::printf("\nCertified but outside the band when summed exactly: %d\n", wrong);
    return wrong == 0 ? 0 : 1;
}
