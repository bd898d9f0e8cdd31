#include "arturo_step.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <limits>
#include <vector>

// Every function taking or returning a vector is forced inline into the target clones below, so no
// vector crosses a call, whose ABI would differ between the AVX2 and the SSE2 clone.
#pragma GCC diagnostic ignored "-Wpsabi"
#define ARTURO_INLINE inline __attribute__((always_inline))

namespace arturo {
namespace {

// The loops work on 8 floats at a time through GCC's vector extensions: each operation is the IEEE
// float operation per lane, the same as on one float, so the tail (plain floats) and every CPU
// (AVX2 or SSE2 clone) compute the same values. The compiler's own vectorizer could not be relied
// on for the sums and the minimum: without reassociation it left them scalar.
constexpr int kWidth = 8;
typedef float Floats __attribute__((vector_size(kWidth * sizeof(float))));
ARTURO_INLINE Floats load(const float* p) {
    Floats v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

ARTURO_INLINE void store(float* p, Floats v) { std::memcpy(p, &v, sizeof v); }
ARTURO_INLINE void store(float* p, float v) { *p = v; }

ARTURO_INLINE Floats broadcast(float x) { return Floats{} + x; }

// min and max per lane; NaN compares false, so a NaN in `x` leaves `bound` (and poisons C instead).
ARTURO_INLINE Floats lower(Floats x, Floats bound) { return x < bound ? x : bound; }
ARTURO_INLINE float lower(float x, float bound) { return x < bound ? x : bound; }
ARTURO_INLINE Floats higher(Floats x, Floats bound) { return x > bound ? x : bound; }
ARTURO_INLINE Floats higher(Floats x, float bound) { return higher(x, broadcast(bound)); }
ARTURO_INLINE float higher(float x, float bound) { return x > bound ? x : bound; }
ARTURO_INLINE Floats absolute(Floats x) { return x < 0.0f ? -x : x; }
ARTURO_INLINE float absolute(float x) { return std::fabs(x); }

// Running minima and maxima over kWidth lanes: a group updates every lane, a tail element lane 0.
ARTURO_INLINE void keepLower(Floats& lanes, Floats x) { lanes = lower(x, lanes); }
ARTURO_INLINE void keepLower(Floats& lanes, float x) { lanes[0] = lower(x, lanes[0]); }
ARTURO_INLINE void keepHigher(Floats& lanes, Floats x) { lanes = higher(x, lanes); }
ARTURO_INLINE void keepHigher(Floats& lanes, float x) { lanes[0] = higher(x, lanes[0]); }

// The loop-invariant constants of the filter, as values: read through a reference they could alias
// the float buffers the loops write.
struct Filter {
    float decay;      // 1 − ε_t·weightDecay, eq. (2); exactly 1 without weight decay
    float q, r, rhoLambda;
};

ARTURO_INLINE Filter filterOf(const StepConfig& c) {
    float decay = c.weightDecay != 0.0f ? 1.0f - c.epsilon * c.weightDecay : 1.0f;
    return Filter{decay, c.q, c.r, c.rhoLambda};
}

// The filter of eq. (3) and the trust-region terms of eq. (4) for one element (T = float) or eight
// (T = Floats), exactly as the graph computes them: same operations, same order, float32.
template <class T>
struct Element {
    T theta, lin, quad, p00, p01, p11;  // after weight decay and the filter
    T h, u;
    T lambda, v;                        // λ = h/prec and v = u/prec, eq. (5)
};

// `linBefore` is lin, or on the first step the gradient (eq. 1): the caller picks the buffer once,
// outside the loop.
template <class T>
ARTURO_INLINE Element<T> fit(T theta, T g, T linBefore, T quad, T p00, T p01, T p11, T prec, Filter c) {
    Element<T> e;
    theta = theta * c.decay;  // × 1 is exact, so no decay leaves θ bit for bit
    T p00Pred = p00 + c.q;
    T p11Pred = p11 + c.q;
    T ph0 = p00Pred + p01 * theta;
    T ph1 = p01 + p11Pred * theta;
    T s = (ph0 + ph1 * theta) + c.r;
    T k0 = ph0 / s;
    T k1 = ph1 / s;
    T delta = (g - theta * quad) - linBefore;
    e.theta = theta;
    e.lin = linBefore + k0 * delta;
    e.quad = quad + k1 * delta;
    e.p00 = p00Pred - k0 * ph0;
    e.p01 = p01 - k0 * ph1;
    e.p11 = p11Pred - k1 * ph1;
    e.h = e.quad + c.rhoLambda;
    e.u = e.h * e.theta + e.lin;
    e.lambda = e.h / prec;
    e.v = e.u / prec;
    return e;
}

// C(η) = ½ Σ c/(λ + η)² and S(η) = Σ c/(λ + η)³, eqs. (6), (10), as the float32 values the solver
// takes: each sum rounded once from double, then C halved, as DualSums forms them on the graph.
struct Sums {
    float c;
    float slope;
};

// The sums in double over kWidth lanes: element j of a chunk goes to lane j mod kWidth, the tail
// after the last full group to lane 0, and lanes are added in order, so the total depends on the
// chunks only, not on the threads. Stored as plain doubles (no over-aligned type in containers).
struct LaneSums {
    double c[kWidth] = {};
    double slope[kWidth] = {};

    void add(const LaneSums& other) {
        for (int k = 0; k < kWidth; k++) {
            c[k] += other.c[k];
            slope[k] += other.slope[k];
        }
    }
    Sums total() const {
        double cSum = 0.0;
        double slopeSum = 0.0;
        for (int k = 0; k < kWidth; k++) {
            cSum += c[k];
            slopeSum += slope[k];
        }
        return Sums{0.5f * static_cast<float>(cSum), static_cast<float>(slopeSum)};
    }
};

// LaneSums in registers while a loop runs: each float term is widened to double and added there, so
// that the sums are exact to about 1e-13 whatever their order, and round to the same float32 C and S
// as the graph's sums in double (DualSums). Then both kernels' solvers take the same η.
// Four doubles to a register half of the 8 lanes: GCC lowers a vector of eight doubles through the
// stack on a CPU without AVX-512 (the AVX2 clone then took 1.9x as long at 1e6 elements on a 2-vCPU
// EPYC, 2026-12-07), while four doubles built element by element from four floats become one
// vcvtps2pd each.
typedef double Doubles __attribute__((vector_size(kWidth / 2 * sizeof(double))));
static_assert(kWidth == 8, "DoubleLanes::add spells out eight lanes");
struct DoubleLanes {
    Doubles low = {};   // lanes 0-3
    Doubles high = {};  // lanes 4-7

    ARTURO_INLINE void add(Floats x) {
        low += Doubles{x[0], x[1], x[2], x[3]};
        high += Doubles{x[4], x[5], x[6], x[7]};
    }
    ARTURO_INLINE double operator[](int k) const { return k < kWidth / 2 ? low[k] : high[k - kWidth / 2]; }
};

// What a loop sums: C and S (pass A and the solver passes), or C alone (pass B, whose C(η*) is the
// only sum it needs; leaving S out measured 3-12% faster on the whole step, 2026-12-07).
enum class Summed { kCAndSlope, kCOnly };

template <Summed kWhat>
struct Accumulator {
    static constexpr bool kSlope = kWhat == Summed::kCAndSlope;
    LaneSums& sums;
    DoubleLanes c;
    DoubleLanes slope;

    ARTURO_INLINE explicit Accumulator(LaneSums& target) : sums(target) {}
    ARTURO_INLINE ~Accumulator() {
        for (int k = 0; k < kWidth; k++) {
            sums.c[k] += c[k];
            if constexpr (kSlope) sums.slope[k] += slope[k];
        }
    }
    ARTURO_INLINE void add(Floats term, Floats inverse) {
        c.add(term);
        if constexpr (kSlope) slope.add(term * inverse);
    }
    // The tail, straight into lane 0.
    ARTURO_INLINE void add(float term, float inverse) {
        sums.c[0] += term;
        if constexpr (kSlope) sums.slope[0] += term * inverse;
    }
};

// 1/(λ + η) and the term c/(λ + η)² of C.
template <class T>
ARTURO_INLINE T inverseAt(T lambda, float eta) { return 1.0f / (lambda + eta); }
template <class T>
ARTURO_INLINE T termOf(T c, T inverse) { return c * inverse * inverse; }

// Which loads a loop body makes: a group of kWidth elements, or one.
struct Group {};
struct Single {};
ARTURO_INLINE Floats loadAs(const float* p, Group) { return load(p); }
ARTURO_INLINE float loadAs(const float* p, Single) { return *p; }

// Runs body(j, Group) for each full group of kWidth elements of [0, n), then body(j, Single) for the
// tail, so that one generic body serves the vector loop and the scalar rest.
template <class Body>
ARTURO_INLINE void forEachGroup(int64_t n, Body body) {
    int64_t j = 0;
    for (; j + kWidth <= n; j += kWidth) body(j, Group{});
    for (; j < n; j++) body(j, Single{});
}

// Software prefetch, kPrefetchAhead elements (1 KB) ahead in every stream a loop reads, one cache
// line per stream each 16 elements. On the 2-vCPU Xeon the hardware prefetcher alone left a thread
// well below the machine's bandwidth: with it, a step at 1e6 elements took 15% less on one thread and
// 17% less on two. On the 2-vCPU EPYC (Zen 3) the core took 4-6% more with it on two threads, at 1e6
// and 4e6, and the same at 1e5 (both 2026-12-07, docs/native-kernel.md, "The core"), so it runs on
// Intel CPUs only. A prefetch never faults, so the last lines may point past a buffer's end. The tail
// (Single) needs none.
enum class Prefetch { kNone, kAhead };
constexpr int64_t kPrefetchAhead = 256;
constexpr int64_t kLineFloats = 64 / sizeof(float);
ARTURO_INLINE void prefetchAhead(Prefetch mode, int64_t j, Group, std::initializer_list<const float*> streams) {
    if (mode == Prefetch::kNone || j % kLineFloats != 0) return;
    for (const float* p : streams) __builtin_prefetch(p + j + kPrefetchAhead);
}
ARTURO_INLINE void prefetchAhead(Prefetch, int64_t, Single, std::initializer_list<const float*>) {}

Prefetch prefetchForThisCpu() {
    __builtin_cpu_init();
    return __builtin_cpu_is("intel") ? Prefetch::kAhead : Prefetch::kNone;
}

// Adds the terms of n scratch elements (λ, c) at η to `sums`.
__attribute__((target_clones("avx512f", "avx2", "default")))
void addSums(LaneSums& sums, const float* lambdas, const float* cs, int64_t n, float eta, Prefetch prefetch) {
    Accumulator<Summed::kCAndSlope> local(sums);
    forEachGroup(n, [&](int64_t j, auto tag) __attribute__((always_inline)) {
        prefetchAhead(prefetch, j, tag, {lambdas, cs});
        auto inverse = inverseAt(loadAs(lambdas + j, tag), eta);
        local.add(termOf(loadAs(cs + j, tag), inverse), inverse);
    });
}

// What pass A leaves for the guard and the solver: max |g|, min λ and C, S at the warm start.
struct Fitted {
    float maxAbsGradient = 0.0f;
    float smallest = std::numeric_limits<float>::infinity();
    LaneSums atWarmStart;
};

// Pass A over elements [begin, end) of one tensor: max |g| for the outlier guard, the filter, λ and
// c = u·v into the chunk's scratch (λ first, then c), min λ, and the sums at `warmStart`, the
// solver's first η whenever the last η lies right of the pole (or every λ is positive), so that the
// solver's first pass costs no pass over memory. Reads 32 B and writes 8 B per element; writes nothing of the state.
__attribute__((target_clones("avx512f", "avx2", "default")))
void fitChunk(const TensorState& t, int64_t begin, int64_t end, Filter c, bool firstStep, float warmStart,
              float* lambdas, float* cs, Prefetch prefetch, Fitted& out) {
    const float* theta = t.theta + begin;
    const float* g = t.gradient + begin;
    const float* lin = (firstStep ? t.gradient : t.lin) + begin;
    const float* quad = t.quad + begin;
    const float* p00 = t.p00 + begin;
    const float* p01 = t.p01 + begin;
    const float* p11 = t.p11 + begin;
    const float* prec = t.prec + begin;
    out.atWarmStart = LaneSums();
    Accumulator<Summed::kCAndSlope> sums(out.atWarmStart);
    Floats smallestLanes = broadcast(std::numeric_limits<float>::infinity());
    Floats maxAbsLanes = Floats{};
    forEachGroup(end - begin, [&](int64_t j, auto tag) __attribute__((always_inline)) {
        prefetchAhead(prefetch, j, tag, {theta, g, lin, quad, p00, p01, p11, prec});
        auto gradient = loadAs(g + j, tag);
        auto e = fit(loadAs(theta + j, tag), gradient, loadAs(lin + j, tag), loadAs(quad + j, tag),
                     loadAs(p00 + j, tag), loadAs(p01 + j, tag), loadAs(p11 + j, tag), loadAs(prec + j, tag), c);
        auto cTerm = e.u * e.v;
        store(lambdas + j, e.lambda);
        store(cs + j, cTerm);
        keepLower(smallestLanes, e.lambda);
        keepHigher(maxAbsLanes, absolute(gradient));
        auto inverse = inverseAt(e.lambda, warmStart);
        sums.add(termOf(cTerm, inverse), inverse);
    });
    out.smallest = std::numeric_limits<float>::infinity();
    out.maxAbsGradient = 0.0f;
    for (int k = 0; k < kWidth; k++) {
        out.smallest = lower(smallestLanes[k], out.smallest);
        out.maxAbsGradient = higher(maxAbsLanes[k], out.maxAbsGradient);
    }
}

// Pass B over elements [begin, end) of one tensor: the filter again (the same arithmetic gives the
// same values), then θ − v/(λ + η), eq. (5), the precision of eqs. (7)–(8) and the filter state, in
// place; and the terms of C(η) into `kl`. Reads 32 B and writes 28 B per element.
__attribute__((target_clones("avx512f", "avx2", "default")))
void updateChunk(const TensorState& t, int64_t begin, int64_t end, const StepConfig& config, float eta,
                 Prefetch prefetch, LaneSums& kl) {
    const Filter c = filterOf(config);
    const float nu = config.nu;
    const float precScale = config.precScale;
    const float precFloor = config.precFloor;
    float* theta = t.theta + begin;
    const float* g = t.gradient + begin;
    // lin's old value is read through linBefore only, so on the first step lin is written, never read.
    const float* linBefore = (config.firstStep ? t.gradient : t.lin) + begin;
    float* precs = t.prec + begin;
    float* lin = t.lin + begin;
    float* quad = t.quad + begin;
    float* p00 = t.p00 + begin;
    float* p01 = t.p01 + begin;
    float* p11 = t.p11 + begin;
    kl = LaneSums();
    Accumulator<Summed::kCOnly> sums(kl);
    forEachGroup(end - begin, [&](int64_t j, auto tag) __attribute__((always_inline)) {
        prefetchAhead(prefetch, j, tag, {theta, g, linBefore, precs, quad, p00, p01, p11});
        auto prec = loadAs(precs + j, tag);
        auto e = fit(loadAs(theta + j, tag), loadAs(g + j, tag), loadAs(linBefore + j, tag), loadAs(quad + j, tag),
                     loadAs(p00 + j, tag), loadAs(p01 + j, tag), loadAs(p11 + j, tag), prec, c);
        auto inverse = inverseAt(e.lambda, eta);
        store(theta + j, e.theta - e.v * inverse);
        store(precs + j, higher((e.h + prec * nu) * precScale, precFloor));
        store(lin + j, e.lin);
        store(quad + j, e.quad);
        store(p00 + j, e.p00);
        store(p01 + j, e.p01);
        store(p11 + j, e.p11);
        sums.add(termOf(e.u * e.v, inverse), inverse);
    });
}

// The exact solver of eq. (11): Newton on φ(η) = C^(-1/2) − ε^(-1/2) with the graph's safeguards.
struct Solved {
    float eta;
    int iterations;
    // The smallest η the solver evaluated with a finite C, and that C (η = +∞: none was finite).
    float finiteEta = std::numeric_limits<float>::infinity();
    float finiteC = 0.0f;
};

// `atWarmStart`: C and S at `warmStart` = max(lastEta, 0), pass A's sums. They are the solver's first
// pass whenever its first η is that same float: always when every λ is positive, and otherwise when the
// last η lies right of the pole (lastEta ≥ rightOfPole), the usual case where some curvature is
// negative. Then every λ + η is positive, and pass A summed the same terms, in the same lanes, as a
// pass over the scratch would. `sumsAt(η)` makes one pass over the scratch.
template <class SumsAt>
Solved solveExact(const SumsAt& sumsAt, float smallest, const StepConfig& c, float warmStart, Sums atWarmStart) {
    const float zero = 0.0f;
    float etaMin = std::fmax(zero, -smallest);
    bool allPositive = smallest > zero;
    float rightOfPole = etaMin + 1e-6f * (1.0f + etaMin);
    float eta = allPositive ? std::fmax(c.lastEta, zero) : std::fmax(c.lastEta, rightOfPole);
    float lo = etaMin;
    float hi = std::numeric_limits<float>::infinity();
    float eps = c.epsilon;
    Solved solved{eta, 0};
    bool converged = false;
    while (!converged && solved.iterations < c.maxIterations) {
        Sums s = solved.iterations == 0 && eta == warmStart ? atWarmStart : sumsAt(eta);
        float cEta = s.c;
        float slopeSum = s.slope;
        if (std::isfinite(cEta) && eta < solved.finiteEta) {
            solved.finiteEta = eta;
            solved.finiteC = cEta;
        }
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
        solved.iterations++;
    }
    // Converged: the polished η. Capped: the last η known to keep C ≤ ε_t, if any.
    solved.eta = converged ? eta : (std::isfinite(hi) ? hi : eta);
    return solved;
}

// The outlier guard's verdict, as OutlierGuard states it on the graph: the same float comparison
// against the bound the graph formed, so both kernels judge alike even at the bound.
bool isOutlier(float maxAbsGradient, float bound) {
    return std::isfinite(maxAbsGradient) && maxAbsGradient + 1e-30f > bound;
}

// Whether C(η*) is sure to be finite before it is computed, so that pass B may write and sum it in
// the same pass. Every term c/(λ + η)² is a product of correctly rounded, monotone float operations,
// so it does not grow with η: C(η*) ≤ C(η) for any evaluated η ≤ η*. Below the smallest evaluated
// η, each term grows at most by ((λmin + η)/(λmin + η*))², the factor of the smallest λ.
bool klSureFinite(const Solved& s, float smallest) {
    if (!std::isfinite(s.eta) || !std::isfinite(s.finiteEta)) return false;
    if (s.eta >= s.finiteEta) return true;
    float nearPole = smallest + s.eta;  // the smallest λ + η* the terms see
    if (!(nearPole > 0.0f) || !std::isfinite(smallest)) return false;
    double ratio = (static_cast<double>(smallest) + s.finiteEta) / nearPole;
    // 4: room for the terms' own rounding, which the factor does not bound exactly.
    return 4.0 * s.finiteC * ratio * ratio < std::numeric_limits<float>::max();
}

// A piece of one tensor that one thread works on; its scratch holds the piece's λ, then its c.
struct Chunk {
    const TensorState* tensor;
    int64_t begin;
    int64_t end;
    float* scratch;

    int64_t size() const { return end - begin; }
    float* lambdas() const { return scratch; }
    float* cs() const { return scratch + size(); }
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
    for (const LaneSums& s : perChunk) all.add(s);
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
    // The solver's first η when every λ is positive or the last η lies right of the pole (solveExact).
    const float warmStart = std::fmax(config.lastEta, 0.0f);
    const Filter filter = filterOf(config);
    static const Prefetch prefetch = prefetchForThisCpu();
    std::vector<Fitted> fitted(chunks.size());
    parallel(count, [&](int64_t first, int64_t last) {
        for (int64_t i = first; i < last; i++) {
            const Chunk& k = chunks[i];
            fitChunk(*k.tensor, k.begin, k.end, filter, config.firstStep, warmStart, k.lambdas(), k.cs(), prefetch,
                     fitted[i]);
        }
    });
    float smallest = std::numeric_limits<float>::infinity();
    float maxAbsGradient = 0.0f;
    std::vector<LaneSums> perChunk(chunks.size());
    for (size_t i = 0; i < chunks.size(); i++) {
        smallest = lower(fitted[i].smallest, smallest);
        maxAbsGradient = higher(fitted[i].maxAbsGradient, maxAbsGradient);
        perChunk[i] = fitted[i].atWarmStart;
    }
    StepResult result{false, isOutlier(maxAbsGradient, config.outlierBound), maxAbsGradient,
                      config.lastEta, 0.0f, 0};
    if (result.outlier) {
        return result;  // pass A wrote only the scratch
    }
    const Sums atWarmStart = totalInOrder(perChunk);

    auto sumsAt = [&](float eta) {
        parallel(count, [&](int64_t first, int64_t last) {
            for (int64_t i = first; i < last; i++) {
                perChunk[i] = LaneSums();
                addSums(perChunk[i], chunks[i].lambdas(), chunks[i].cs(), chunks[i].size(), eta, prefetch);
            }
        });
        return totalInOrder(perChunk);
    };
    const Solved solved = solveExact(sumsAt, smallest, config, warmStart, atWarmStart);
    result.eta = solved.eta;
    result.iterations = solved.iterations;
    // C(η*) is summed in pass B when it is sure to be finite; otherwise its own pass decides first
    // whether anything is written.
    const bool fused = klSureFinite(solved, smallest);
    if (!fused) {
        result.kl = sumsAt(solved.eta).c;
        if (!std::isfinite(result.kl) || !std::isfinite(solved.eta)) {
            return result;  // the guard of the write-back: nothing is written
        }
    }
    parallel(count, [&](int64_t first, int64_t last) {
        for (int64_t i = first; i < last; i++) {
            updateChunk(*chunks[i].tensor, chunks[i].begin, chunks[i].end, config, solved.eta, prefetch, perChunk[i]);
        }
    });
    if (fused) result.kl = totalInOrder(perChunk).c;
    result.applied = true;
    return result;
}

}  // namespace arturo
