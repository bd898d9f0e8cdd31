#include "arturo_step.h"

#include <cmath>
#include <functional>
#include <limits>
#include <vector>

namespace arturo {
namespace {

// The filter of eq. (3) and the trust-region terms of eq. (4) for one element, exactly as the graph
// computes them (same operations, same order, float32).
struct Element {
    float theta, lin, quad, p00, p01, p11;  // after weight decay and the filter
    float h, u;
};

// The loop-invariant constants of the filter, as values: read through a reference they could alias
// the float buffers the loops write, which keeps the compiler from vectorizing.
struct Filter {
    float decay;      // 1 − ε_t·weightDecay, eq. (2); exactly 1 without weight decay
    float q, r, rhoLambda;
};

inline Filter filterOf(const StepConfig& c) {
    float decay = c.weightDecay != 0.0f ? 1.0f - c.epsilon * c.weightDecay : 1.0f;
    return Filter{decay, c.q, c.r, c.rhoLambda};
}

// `linBefore` is lin, or on the first step the gradient (eq. 1): the caller picks the buffer once,
// outside the loop.
inline Element fit(float theta, float g, float linBefore, float quad, float p00, float p01, float p11, Filter c) {
    Element e;
    theta = theta * c.decay;  // × 1 is exact, so no decay leaves θ bit for bit
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

// C(η) = ½ Σ c/(λ + η)² and S(η) = Σ c/(λ + η)³ over the scratch, eqs. (6), (10).
struct Sums {
    double c;
    double slope;
};

// The sums in double, over kLanes independent accumulators: one chain of dependent additions would
// cost an add's latency per element; lanes let the loop vectorize and keep the order fixed.
constexpr int kLanes = 8;

struct LaneSums {
    double c[kLanes] = {};
    double slope[kLanes] = {};

    Sums total() const {
        double cSum = 0.0;
        double slopeSum = 0.0;
        for (int k = 0; k < kLanes; k++) {
            cSum += c[k];
            slopeSum += slope[k];
        }
        return Sums{0.5 * cSum, slopeSum};
    }
};

inline void addTerm(double& c, double& slope, float lambda, float cTerm, float eta) {
    float inverse = 1.0f / (lambda + eta);
    float term = cTerm * inverse * inverse;
    c += term;
    slope += term * inverse;
}

// Adds the terms of n scratch pairs (λ, c) at η to `sums` (local accumulators, so the loop vectorizes).
__attribute__((target_clones("avx2", "default")))
void addSums(LaneSums& sums, const float* __restrict scratch, int64_t n, float eta) {
    double c[kLanes];
    double slope[kLanes];
    for (int k = 0; k < kLanes; k++) {
        c[k] = sums.c[k];
        slope[k] = sums.slope[k];
    }
    int64_t j = 0;
    for (; j + kLanes <= n; j += kLanes) {
        for (int k = 0; k < kLanes; k++) {
            addTerm(c[k], slope[k], scratch[2 * (j + k)], scratch[2 * (j + k) + 1], eta);
        }
    }
    for (; j < n; j++) {
        addTerm(c[0], slope[0], scratch[2 * j], scratch[2 * j + 1], eta);
    }
    for (int k = 0; k < kLanes; k++) {
        sums.c[k] = c[k];
        sums.slope[k] = slope[k];
    }
}


// min(smallest, every λ of n scratch pairs), over kLanes running minima so that the loop vectorizes.
// NaN compares false: a NaN λ leaves the minimum alone, and poisons C instead.
__attribute__((target_clones("avx2", "default")))
float minLambda(const float* __restrict scratch, int64_t n, float smallest) {
    float lanes[kLanes];
    for (int k = 0; k < kLanes; k++) lanes[k] = smallest;
    int64_t j = 0;
    for (; j + kLanes <= n; j += kLanes) {
        for (int k = 0; k < kLanes; k++) {
            float lambda = scratch[2 * (j + k)];
            lanes[k] = lambda < lanes[k] ? lambda : lanes[k];
        }
    }
    for (; j < n; j++) {
        float lambda = scratch[2 * j];
        lanes[0] = lambda < lanes[0] ? lambda : lanes[0];
    }
    for (int k = 0; k < kLanes; k++) smallest = lanes[k] < smallest ? lanes[k] : smallest;
    return smallest;
}

// Pass A's block: small enough that its scratch is still in cache when its sums are taken.
constexpr int64_t kBlock = 2048;

// Pass A: λ = h/prec and c = u·(u/prec) into the scratch, and min λ; reads 32 B, writes 8 B per element.
__attribute__((target_clones("avx2", "default")))
float fitBlock(const TensorState& t, int64_t begin, int64_t end, Filter c, bool firstStep, float* __restrict scratch,
               float smallest) {
    const float* __restrict theta = t.theta + begin;
    const float* __restrict g = t.gradient + begin;
    const float* __restrict lin = (firstStep ? t.gradient : t.lin) + begin;
    const float* __restrict quad = t.quad + begin;
    const float* __restrict p00 = t.p00 + begin;
    const float* __restrict p01 = t.p01 + begin;
    const float* __restrict p11 = t.p11 + begin;
    const float* __restrict prec = t.prec + begin;
    const int64_t n = end - begin;
    for (int64_t j = 0; j < n; j++) {
        Element e = fit(theta[j], g[j], lin[j], quad[j], p00[j], p01[j], p11[j], c);
        float lambda = e.h / prec[j];
        float v = e.u / prec[j];
        scratch[2 * j] = lambda;
        scratch[2 * j + 1] = e.u * v;
    }
    return minLambda(scratch, n, smallest);
}

// Pass A over elements [begin, end) of one tensor, block by block. Each block's sums at `warmStart`
// (the solver's first η when every λ is positive, the usual case) are taken while the block is in
// cache, so the solver's first pass costs no pass over memory. `scratch` is the range's own.
float passA(const TensorState& t, int64_t begin, int64_t end, const StepConfig& c, float* scratch, float smallest,
            float warmStart, LaneSums& sums) {
    for (int64_t block = begin; block < end; block += kBlock) {
        int64_t blockEnd = block + kBlock < end ? block + kBlock : end;
        float* blockScratch = scratch + 2 * (block - begin);
        smallest = fitBlock(t, block, blockEnd, filterOf(c), c.firstStep, blockScratch, smallest);
        addSums(sums, blockScratch, blockEnd - block, warmStart);
    }
    return smallest;
}

// The exact solver of eq. (11): Newton on φ(η) = C^(-1/2) − ε^(-1/2) with the graph's safeguards.
struct Solved {
    float eta;
    int iterations;
};

// `atWarmStart`: C and S at max(lastEta, 0), valid as the first pass when every λ is positive;
// `sumsAt(η)` makes one pass over the scratch.
template <class SumsAt>
Solved solveExact(const SumsAt& sumsAt, float smallest, const StepConfig& c, Sums atWarmStart) {
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
        Sums s = iterations == 0 && allPositive ? atWarmStart : sumsAt(eta);
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
// The loop of pass B on raw pointers: the compiler vectorizes a loop over __restrict parameters, not
// one over pointers read from a struct.
__attribute__((target_clones("avx2", "default"), noinline))
void updateInPlace(int64_t n, Filter c, float nu, float precScale, float precFloor, float eta,
                   float* __restrict theta, const float* __restrict g, const float* __restrict linBefore,
                   float* __restrict precs, float* __restrict lin, float* __restrict quad,
                   float* __restrict p00, float* __restrict p01, float* __restrict p11) {
    for (int64_t j = 0; j < n; j++) {
        float prec = precs[j];
        Element e = fit(theta[j], g[j], linBefore[j], quad[j], p00[j], p01[j], p11[j], c);
        float lambda = e.h / prec;
        float v = e.u / prec;
        float inverse = 1.0f / (lambda + eta);
        theta[j] = e.theta - v * inverse;
        float updated = (e.h + prec * nu) * precScale;
        precs[j] = updated > precFloor ? updated : precFloor;
        lin[j] = e.lin;
        quad[j] = e.quad;
        p00[j] = e.p00;
        p01[j] = e.p01;
        p11[j] = e.p11;
    }
}

// Pass B over elements [b, end) of one tensor.
void passB(const TensorState& t, int64_t b, int64_t end, const StepConfig& config, float eta) {
    // lin's old value is read through linBefore only, so on the first step lin is written, never read.
    const float* linBefore = config.firstStep ? t.gradient : t.lin;
    updateInPlace(end - b, filterOf(config), config.nu, config.precScale, config.precFloor, eta, t.theta + b,
                  t.gradient + b, linBefore + b, t.prec + b, t.lin + b, t.quad + b, t.p00 + b, t.p01 + b, t.p11 + b);
}

// A piece of one tensor that one thread works on; its scratch pairs start at `scratch`.
struct Chunk {
    const TensorState* tensor;
    int64_t begin;
    int64_t end;
    float* scratch;
};

// Chunks never span tensors and do not depend on the thread count, so neither do the sums.
constexpr int64_t kChunk = 1 << 15;

std::vector<Chunk> chunksOf(const std::vector<TensorState>& tensors, float* scratch) {
    std::vector<Chunk> chunks;
    int64_t offset = 0;
    for (const TensorState& t : tensors) {
        for (int64_t begin = 0; begin < t.size; begin += kChunk) {
            int64_t end = begin + kChunk < t.size ? begin + kChunk : t.size;
            chunks.push_back(Chunk{&t, begin, end, scratch + 2 * (offset + begin)});
        }
        offset += t.size;
    }
    return chunks;
}

// Each chunk's lane sums, added lane by lane in chunk order: the same total for any split.
Sums totalInOrder(const std::vector<LaneSums>& perChunk) {
    LaneSums all;
    for (const LaneSums& s : perChunk) {
        for (int k = 0; k < kLanes; k++) {
            all.c[k] += s.c[k];
            all.slope[k] += s.slope[k];
        }
    }
    return all.total();
}

}  // namespace

int64_t totalSize(const std::vector<TensorState>& tensors) {
    int64_t n = 0;
    for (const TensorState& t : tensors) n += t.size;
    return n;
}

void serialFor(int64_t count, const std::function<void(int64_t, int64_t)>& work) {
    work(0, count);
}

StepResult step(const std::vector<TensorState>& tensors, const StepConfig& config, float* scratch,
                const ParallelFor& parallel) {
    const std::vector<Chunk> chunks = chunksOf(tensors, scratch);
    const int64_t count = static_cast<int64_t>(chunks.size());
    // The solver's first η when every λ is positive (solveExact's allPositive case).
    const float warmStart = std::fmax(config.lastEta, 0.0f);
    std::vector<LaneSums> sums(chunks.size());
    std::vector<float> smallest(chunks.size(), std::numeric_limits<float>::infinity());
    parallel(count, [&](int64_t first, int64_t last) {
        for (int64_t i = first; i < last; i++) {
            const Chunk& k = chunks[i];
            smallest[i] = passA(*k.tensor, k.begin, k.end, config, k.scratch, smallest[i], warmStart, sums[i]);
        }
    });
    float minLambdaAll = std::numeric_limits<float>::infinity();
    for (float m : smallest) minLambdaAll = m < minLambdaAll ? m : minLambdaAll;

    auto sumsAt = [&](float eta) {
        std::vector<LaneSums> perChunk(chunks.size());
        parallel(count, [&](int64_t first, int64_t last) {
            for (int64_t i = first; i < last; i++) {
                addSums(perChunk[i], chunks[i].scratch, chunks[i].end - chunks[i].begin, eta);
            }
        });
        return totalInOrder(perChunk);
    };
    Solved solved = solveExact(sumsAt, minLambdaAll, config, totalInOrder(sums));
    float kl = static_cast<float>(sumsAt(solved.eta).c);
    StepResult result{false, solved.eta, kl, solved.iterations};
    if (!std::isfinite(kl) || !std::isfinite(solved.eta)) {
        return result;  // the guard of the write-back: nothing is written
    }
    parallel(count, [&](int64_t first, int64_t last) {
        for (int64_t i = first; i < last; i++) {
            passB(*chunks[i].tensor, chunks[i].begin, chunks[i].end, config, solved.eta);
        }
    });
    result.applied = true;
    return result;
}

}  // namespace arturo
