// The TensorFlow 1.15 registration of the native arTuRO step: op ArturoExactStep, a thin layer that
// hands the variables' buffers to the TF-free core (../core/arturo_step.h) and writes its result.
//
// Inputs (all float32): config [15] = N, weight decay, ν, ρλ, 1/(ρ+ν), ρλ/(ρ+ν), q, r, solver
// tolerance, max solver passes, helpers off the caller's CPU (0/1) (the fixed part), then ε_t, first step (0/1), last η and the outlier
// guard's bound on max|g| + 1e-30 (+∞: no guard). result: Ref([6]) receives applied (0/1),
// η*, C(η*), solver passes, max|g|, outlier (0/1). Then N parameters (Ref), N gradients, and N each
// of prec, lin, quad, p00, p01, p11 (Ref). Variables are written in place, without locking, like TF's own Apply ops.
#include "tf115_abi.h"
#include "../core/arturo_step.h"
#include "../core/helper_team.h"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <dlfcn.h>
#include <functional>
#include <mutex>
#include <new>
#include <vector>

namespace {

using tensorflow::OpKernelContext;
using tensorflow::Tensor;

constexpr int kConfigSize = 15;
constexpr int kResultSize = 6;
constexpr int kStateLists = 6;
constexpr int64_t kTeamElements = 1 << 16;  // 65,536: two chunks

// TF 1.15's libstdc++ calls a std::function's invoker with the arguments by value; GCC 12's invoker
// takes them by reference. A std::function handed to TF therefore gets, in its invoker slot, a
// function of the by-value convention (libstdc++'s layout: functor storage[16], manager, invoker).
// `invoker` takes a pointer to the functor storage, then the arguments by value.
template <class Signature>
std::function<Signature> withByValueInvoker(std::function<Signature> fn, void* invoker) {
    struct Layout {
        char functor[16];
        void* manager;
        void* invoker;
    };
    static_assert(sizeof(fn) == sizeof(Layout), "libstdc++'s std::function layout");
    reinterpret_cast<Layout*>(&fn)->invoker = invoker;
    return fn;
}

float* mutableData(OpKernelContext* ctx, int index, int64_t* size) {
    Tensor t = ctx->mutable_input(index, false);
    absl::string_view bytes = t.tensor_data();
    if (size != nullptr) *size = static_cast<int64_t>(bytes.size() / sizeof(float));
    // The variable keeps its buffer alive after this reference is released.
    return const_cast<float*>(reinterpret_cast<const float*>(bytes.data()));
}

// Whether `address` lies in TF's framework library. dladdr searches the library's whole symbol table
// (measured 2026-12-07: 0.48 ms a call, a fifth of the whole step at 1e6 elements), so the one
// address found there is remembered.
bool inFrameworkLibrary(const void* address) {
    static std::atomic<const void*> known{nullptr};
    if (address == known.load(std::memory_order_relaxed)) return true;
    Dl_info where;
    if (dladdr(address, &where) == 0 || where.dli_fname == nullptr
        || std::strstr(where.dli_fname, "libtensorflow_framework") == nullptr) {
        return false;
    }
    known.store(address, std::memory_order_relaxed);
    return true;
}

// The intra-op pool of the device running `kernel`, or null. TF 1.15 exports neither
// OpKernelContext::device() nor the layouts behind it; what this binary holds (measured, and guarded
// by the loader's SHA-256 of the framework library): the context's third word is its Params*, and
// Params holds the running OpKernel* in its third word and the DeviceBase* in its fourth. Each step
// checks that the kernel is found where expected, that the device's vtable lies in the framework
// library and holds DeviceBase's own tensorflow_cpu_worker_threads (no override). Anything else gives
// null, and the step runs on the calling thread.
tensorflow::thread::ThreadPool* intraOpPool(OpKernelContext* ctx, const tensorflow::OpKernel* kernel) {
    constexpr int kParamsWord = 2;
    constexpr int kKernelWord = 2;
    constexpr int kDeviceWord = 3;
    void* const* params = reinterpret_cast<void* const* const*>(ctx)[kParamsWord];
    if (params == nullptr || params[kKernelWord] != kernel || params[kDeviceWord] == nullptr) return nullptr;
    const tensorflow::DeviceBase* device = static_cast<const tensorflow::DeviceBase*>(params[kDeviceWord]);
    void* const* vtable = *reinterpret_cast<void* const* const*>(device);
    if (!inFrameworkLibrary(vtable)) return nullptr;
    auto member = &tensorflow::DeviceBase::tensorflow_cpu_worker_threads;
    void* own = nullptr;
    static_assert(sizeof(member) >= sizeof(own), "Itanium member function pointer");
    std::memcpy(&own, &member, sizeof(own));
    bool notOverridden = false;
    for (int slot = 0; slot < 48 && !notOverridden; slot++) notOverridden = vtable[slot] == own;
    if (!notOverridden) return nullptr;
    const tensorflow::DeviceBase::CpuWorkerThreads* threads = device->tensorflow_cpu_worker_threads();
    if (threads == nullptr || threads->workers == nullptr || threads->workers->NumThreads() < 2) return nullptr;
    return threads->workers;
}

// Hands a helper of the step (../core/helper_team.h) to TF's intra-op pool. A task without arguments
// is called the same way by both libstdc++ conventions (see withByValueInvoker).
arturo::HelperTeam::Schedule onPool(tensorflow::thread::ThreadPool* pool) {
    return [pool](std::function<void()> task) { pool->Schedule(std::move(task)); };
}

class ArturoExactStepKernel : public tensorflow::OpKernel {
public:
    explicit ArturoExactStepKernel(tensorflow::OpKernelConstruction* c) : OpKernel(c) {}

    void Compute(OpKernelContext* ctx) override {
        absl::string_view configBytes = ctx->input(0).tensor_data();
        const float* cfg = reinterpret_cast<const float*>(configBytes.data());
        // The result is a fresh temporary each run: every path writes all its floats.
        float* result = mutableData(ctx, 1, nullptr);
        for (int k = 0; k < kResultSize; k++) result[k] = 0.0f;
        if (configBytes.size() < kConfigSize * sizeof(float)) {
            return;
        }
        const int n = static_cast<int>(cfg[0]);
        arturo::StepConfig config{cfg[11], cfg[1], cfg[2], cfg[3], cfg[4], cfg[5], cfg[6], cfg[7], cfg[8],
                                  static_cast<int>(cfg[9]), cfg[12] != 0.0f, cfg[13], cfg[14]};
        const auto placement = cfg[10] != 0.0f ? arturo::HelperTeam::Placement::OFF_CALLERS_CPU
                                               : arturo::HelperTeam::Placement::AS_SCHEDULED;
        std::vector<arturo::TensorState> tensors(n);
        int64_t total = 0;
        for (int i = 0; i < n; i++) {
            arturo::TensorState& t = tensors[i];
            t.theta = mutableData(ctx, 2 + i, &t.size);
            t.gradient = reinterpret_cast<const float*>(ctx->input(2 + n + i).tensor_data().data());
            float** state[kStateLists] = {&t.prec, &t.lin, &t.quad, &t.p00, &t.p01, &t.p11};
            for (int s = 0; s < kStateLists; s++) {
                *state[s] = mutableData(ctx, 2 + (2 + s) * n + i, nullptr);
            }
            total += t.size;
        }
        // One scratch buffer per kernel, grown once: a fresh allocation would cost a zeroing pass and,
        // at millions of elements, page faults on every step.
        std::lock_guard<std::mutex> lock(scratchMutex_);
        if (scratch_.size() < static_cast<size_t>(2 * total)) scratch_.resize(static_cast<size_t>(2 * total));
        // Below kTeamElements one thread is as fast: a helper takes some ten microseconds to start, and
        // fewer than two chunks leave it nothing to share (docs/native-kernel.md, "Threads").
        tensorflow::thread::ThreadPool* pool = total >= kTeamElements ? intraOpPool(ctx, this) : nullptr;
        arturo::StepResult r;
        if (pool == nullptr) {
            r = arturo::step(tensors, config, scratch_.data());
        } else {
            // One helper per pool thread but one: the caller is the other thread at work.
            arturo::HelperTeam helpers(onPool(pool), pool->NumThreads() - 1, placement);
            r = arturo::step(tensors, config, scratch_.data(), helpers.parallelFor());
        }
        result[0] = r.applied ? 1.0f : 0.0f;
        result[1] = r.eta;
        result[2] = r.kl;
        result[3] = static_cast<float>(r.iterations);
        result[4] = r.maxAbsGradient;
        result[5] = r.outlier ? 1.0f : 0.0f;
    }

private:
    std::mutex scratchMutex_;
    std::vector<float> scratch_;
};

// The op has no outputs, so its shape function only says OK (as TF calls it: see withByValueInvoker).
tensorflow::Status shapeInvokerByValue(const void* /*functor*/, tensorflow::shape_inference::InferenceContext* /*c*/) {
    return tensorflow::Status();
}

std::function<tensorflow::Status(tensorflow::shape_inference::InferenceContext*)> noOutputsShapeFn() {
    return withByValueInvoker<tensorflow::Status(tensorflow::shape_inference::InferenceContext*)>(
        [](tensorflow::shape_inference::InferenceContext*) { return tensorflow::Status(); },
        reinterpret_cast<void*>(&shapeInvokerByValue));
}

class Factory : public tensorflow::kernel_factory::OpKernelFactory {
public:
    tensorflow::OpKernel* Create(tensorflow::OpKernelConstruction* c) override { return new ArturoExactStepKernel(c); }
    ~Factory() override = default;
};

// TF objects in storage larger than they are; built once, when the library is loaded, never freed.
alignas(16) char opBuilderStorage[1 << 14];
alignas(16) char receiverStorage[64];
alignas(16) char kernelBuilderStorage[256];
alignas(16) char registrarStorage[64];

struct Registration {
    Registration() {
        auto* op = new (opBuilderStorage) tensorflow::OpDefBuilder("ArturoExactStep");
        op->Attr("N: int >= 1")
            .Input("config: float")
            .Input("result: Ref(float)")
            .Input("theta: Ref(N * float)")
            .Input("grad: N * float")
            .Input("prec: Ref(N * float)")
            .Input("lin: Ref(N * float)")
            .Input("quad: Ref(N * float)")
            .Input("p00: Ref(N * float)")
            .Input("p01: Ref(N * float)")
            .Input("p11: Ref(N * float)")
            .SetIsStateful()
            .SetShapeFn(noOutputsShapeFn());
        new (receiverStorage) tensorflow::register_op::OpDefBuilderReceiver(
            *reinterpret_cast<const tensorflow::register_op::OpDefBuilderWrapper<true>*>(opBuilderStorage));
        auto* kernel = new (kernelBuilderStorage) tensorflow::KernelDefBuilder("ArturoExactStep");
        const tensorflow::KernelDef* def = kernel->Device("CPU").Build();
        auto* registrar = reinterpret_cast<tensorflow::kernel_factory::OpKernelRegistrar*>(registrarStorage);
        registrar->InitInternal(def, absl::string_view("ArturoExactStepKernel", 21),
                                std::unique_ptr<tensorflow::kernel_factory::OpKernelFactory>(new Factory()));
    }
};

Registration registration;

}  // namespace
