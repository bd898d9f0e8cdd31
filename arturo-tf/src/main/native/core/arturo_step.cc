#include "arturo_step.h"

#include <cmath>
#include <limits>

namespace arturo {
namespace {

// The filter of eq. (3) and the trust-region terms of eq. (4) for one element, exactly as the graph
// computes them (same operations, same order, float32).
struct Element {
    float theta, lin, quad, p00, p01, p11;  // after weight decay and the filter
    float h, u;
};

inline Element fit(float theta, float g, float lin, float quad, float p00, float p01, float p11,
                   const StepConfig& c) {
    Element e;
    if (c.weightDecay != 0.0f) {
        theta = theta * (1.0f - c.epsilon * c.weightDecay);
    }
    float linBefore = c.firstStep ? g : lin;
    float p00Pred = p00 + c.q;
    float p11Pred = p11 + c.q;
    float ph0 = p00Pred + p01 * theta;
    float ph1 = p01 + p11Pred * theta;
    float s = (ph0 + ph1 * theta) + c.r;
    float k0 = ph0 / s;
    float k1 = ph1 / s;
    float delta = (g - theta * quad) - linBefore;
    e.theta = theta;
    e.lin = linBefore + k0 * delta;
    e.quad = quad + k1 * delta;
    e.p00 = p00Pred - k0 * ph0;
    e.p01 = p01 - k0 * ph1;
    e.p11 = p11Pred - k1 * ph1;
    e.h = e.quad + c.rhoLambda;
    e.u = e.h * e.theta + e.lin;
    return e;
}

// Pass A: λ = h/prec and c = u·(u/prec) into the scratch, and min λ; reads 32 B, writes 8 B per element.
__attribute__((target_clones("avx2", "default")))
float passA(const TensorState& t, const StepConfig& c, float* __restrict scratch, float smallest) {
    for (int64_t j = 0; j < t.size; j++) {
        Element e = fit(t.theta[j], t.gradient[j], t.lin[j], t.quad[j], t.p00[j], t.p01[j], t.p11[j], c);
        float lambda = e.h / t.prec[j];
        float v = e.u / t.prec[j];
        scratch[2 * j] = lambda;
        scratch[2 * j + 1] = e.u * v;
        // NaN compares false: a NaN λ leaves the minimum alone, and poisons C instead.
        smallest = lambda < smallest ? lambda : smallest;
    }
    return smallest;
}

// C(η) = ½ Σ c/(λ + η)² and S(η) = Σ c/(λ + η)³ over the scratch, eqs. (6), (10).
struct Sums {
    double c;
    double slope;
};

__attribute__((target_clones("avx2", "default")))
Sums dualSums(const float* __restrict scratch, int64_t n, float eta) {
    double c = 0.0;
    double slope = 0.0;
    for (int64_t j = 0; j < n; j++) {
        float inverse = 1.0f / (scratch[2 * j] + eta);
        float term = scratch[2 * j + 1] * inverse * inverse;
        c += term;
        slope += term * inverse;
    }
    return Sums{0.5 * c, slope};
}

// The exact solver of eq. (11): Newton on φ(η) = C^(-1/2) − ε^(-1/2) with the graph's safeguards.
struct Solved {
    float eta;
    int iterations;
};

Solved solveExact(const float* scratch, int64_t n, float smallest, const StepConfig& c) {
    const float zero = 0.0f;
    float etaMin = std::fmax(zero, -smallest);
    bool allPositive = smallest > zero;
    float rightOfPole = etaMin + 1e-6f * (1.0f + etaMin);
    float eta = allPositive ? std::fmax(c.lastEta, zero) : std::fmax(c.lastEta, rightOfPole);
    float lo = etaMin;
    float hi = std::numeric_limits<float>::infinity();
    float eps = c.epsilon;
    int iterations = 0;
    bool converged = false;
    while (!converged && iterations < c.maxIterations) {
        Sums s = dualSums(scratch, n, eta);
        float cEta = static_cast<float>(s.c);
        float slopeSum = static_cast<float>(s.slope);
        float inverseRootC = 1.0f / std::sqrt(cEta);
        float phi = inverseRootC - 1.0f / std::sqrt(eps);
        float slope = 0.5f * ((slopeSum * inverseRootC) / cEta);
        float newton = eta - phi / slope;

        bool within = std::fabs(cEta - eps) <= c.tolerance * eps;
        bool unconstrained = allPositive && eta == zero && cEta <= eps;
        converged = within || unconstrained;

        float newLo = phi < zero ? eta : lo;
        float newHi = phi > zero ? eta : hi;
        float grown = 4.0f * eta + 1e-6f;
        float bisected = 0.5f * (newLo + newHi);
        float next = std::isfinite(newton) ? newton : (std::isfinite(newHi) ? bisected : grown);
        bool mayTryZero = allPositive && newLo == zero;
        float towardsLo = mayTryZero ? zero : 0.5f * (newLo + eta);
        if (next <= newLo) next = towardsLo;
        if (next >= newHi) next = 0.5f * (eta + newHi);

        bool polishInside = std::isfinite(newton) && newton > newLo && newton < newHi;
        float polished = polishInside ? newton : eta;
        float finalEta = unconstrained ? zero : polished;

        eta = converged ? finalEta : next;
        lo = newLo;
        hi = newHi;
        iterations++;
    }
    // Converged: the polished η. Capped: the last η known to keep C ≤ ε_t, if any.
    float result = converged ? eta : (std::isfinite(hi) ? hi : eta);
    return Solved{result, iterations};
}

// Pass B: the filter again (the same arithmetic gives the same values), then θ − v/(λ + η),
// eq. (5), the precision of eqs. (7)–(8) and the filter state, in place.
__attribute__((target_clones("avx2", "default")))
void passB(const TensorState& t, const StepConfig& c, float eta) {
    for (int64_t j = 0; j < t.size; j++) {
        float prec = t.prec[j];
        Element e = fit(t.theta[j], t.gradient[j], t.lin[j], t.quad[j], t.p00[j], t.p01[j], t.p11[j], c);
        float lambda = e.h / prec;
        float v = e.u / prec;
        float inverse = 1.0f / (lambda + eta);
        t.theta[j] = e.theta - v * inverse;
        float updated = (e.h + prec * c.nu) * c.precScale;
        t.prec[j] = updated > c.precFloor ? updated : c.precFloor;
        t.lin[j] = e.lin;
        t.quad[j] = e.quad;
        t.p00[j] = e.p00;
        t.p01[j] = e.p01;
        t.p11[j] = e.p11;
    }
}

}  // namespace

int64_t totalSize(const std::vector<TensorState>& tensors) {
    int64_t n = 0;
    for (const TensorState& t : tensors) n += t.size;
    return n;
}

StepResult step(const std::vector<TensorState>& tensors, const StepConfig& config, float* scratch) {
    float smallest = std::numeric_limits<float>::infinity();
    int64_t offset = 0;
    for (const TensorState& t : tensors) {
        smallest = passA(t, config, scratch + 2 * offset, smallest);
        offset += t.size;
    }
    Solved solved = solveExact(scratch, offset, smallest, config);
    float kl = static_cast<float>(dualSums(scratch, offset, solved.eta).c);
    StepResult result{false, solved.eta, kl, solved.iterations};
    if (!std::isfinite(kl) || !std::isfinite(solved.eta)) {
        return result;  // the guard of the write-back: nothing is written
    }
    for (const TensorState& t : tensors) {
        passB(t, config, solved.eta);
    }
    result.applied = true;
    return result;
}

}  // namespace arturo
