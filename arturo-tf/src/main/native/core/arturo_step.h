// The arTuRO step on float buffers (docs/algorithm.md, Algorithm 1 with the exact dual solver),
// fused into few passes over the parameters. This core knows nothing of TensorFlow: a framework's
// kernel hands it the parameter tensors, their gradients and their state, and it updates them in
// place. It reproduces the graph step of org.arturo.tf.arturo (the reference) operation by
// operation in float32; only the sums over all elements are accumulated in double.
#ifndef ARTURO_STEP_H
#define ARTURO_STEP_H

#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace arturo {

// One parameter tensor, flattened: θ and its gradient, and the six state floats per element.
struct TensorState {
    float* theta;
    const float* gradient;
    float* prec;   // Σ⁻¹
    float* lin;    // the surrogate's b
    float* quad;   // the surrogate's diag(A)
    float* p00;    // the filter covariance
    float* p01;
    float* p11;
    int64_t size;
};

// The configuration of one step, as the float32 constants the graph holds (products and quotients
// of the hyperparameters are formed in double and rounded once, as the graph builder does).
struct StepConfig {
    float epsilon;        // ε_t, the scheduled KL bound of this step
    float weightDecay;    // decoupled weight decay (0: none), scaled by ε_t, eq. (2)
    float nu;             // ν
    float rhoLambda;      // ρ·λ
    float precScale;      // 1/(ρ + ν), eq. (7)
    float precFloor;      // ρλ/(ρ + ν), eq. (8)
    float q;              // filter drift, eq. (3a)
    float r;              // filter noise, eq. (3b)
    float tolerance;      // |C(η) − ε_t| ≤ tolerance·ε_t stops the solver, eq. (11)
    int maxIterations;    // passes the solver may take
    bool firstStep;       // lin takes the gradient, eq. (1)
    float lastEta;        // the warm start
    // The outlier guard (docs/algorithm.md, "Outlier guard"): the step is an outlier when max|g| is
    // finite and max|g| + 1e-30 is above this bound (S·factor, formed by the graph); +∞ turns the
    // guard off.
    float outlierBound = std::numeric_limits<float>::infinity();
};

struct StepResult {
    bool applied;         // false: nothing was written (an outlier, or C(η*) or η* not finite)
    bool outlier;         // the guard's verdict (then the solver did not run)
    float maxAbsGradient; // max |g| over all elements, NaN ignored, ±∞ giving +∞
    float eta;            // η*
    float kl;             // C(η*) = ½ Σ prec·Δ²
    int iterations;       // solver passes
};

// Runs work(first, last) over the chunk indices [0, count), split among threads as the host sees fit
// (TensorFlow's intra-op pool in the TF registration), and returns when every chunk is done.
using ParallelFor = std::function<void(int64_t count, const std::function<void(int64_t, int64_t)>& work)>;

// All chunks on the calling thread.
void serialFor(int64_t count, const std::function<void(int64_t, int64_t)>& work);

// One step over all tensors. `scratch` holds two floats per element of all tensors (λ, c).
// Writes θ, prec and the filter state in place only when the gradient is no outlier and C(η*) and
// η* are finite; otherwise leaves every buffer as it was. The tensors are cut into fixed chunks and every sum is added in
// chunk order, so the result does not depend on how `parallel` splits the work.
StepResult step(const std::vector<TensorState>& tensors, const StepConfig& config, float* scratch,
                const ParallelFor& parallel = serialFor);

// Elements in all tensors, and the scratch floats step() needs for them.
int64_t totalSize(const std::vector<TensorState>& tensors);
inline int64_t scratchFloats(const std::vector<TensorState>& tensors) { return 2 * totalSize(tensors); }

}  // namespace arturo

#endif
