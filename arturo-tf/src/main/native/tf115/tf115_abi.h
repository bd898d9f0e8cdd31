// The few TensorFlow 1.15 C++ declarations the arTuRO op needs, written here because no TF 1.15
// headers ship with TensorFlow Java. They match the symbols that libtensorflow_framework.so.1 of
// org.tensorflow:libtensorflow_jni:1.15.0 exports (checked with nm -D -C) and that build's ABI:
// compile with -D_GLIBCXX_USE_CXX11_ABI=0. Object sizes are TF's secret: every TF object here is
// only ever created by TF's own exported constructors, in storage generously larger than needed,
// and its members are touched only through exported functions. Valid for that one binary only;
// the Java loader enables the op only where the framework library is the known one.
#ifndef ARTURO_TF115_ABI_H
#define ARTURO_TF115_ABI_H

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace absl {
// absl's own string_view of this build: a pointer and a length, passed in registers.
class string_view {
public:
    constexpr string_view(const char* data, size_t size) : ptr_(data), length_(size) {}
    const char* data() const { return ptr_; }
    size_t size() const { return length_; }
private:
    const char* ptr_;
    size_t length_;
};
}  // namespace absl

namespace tensorflow {

class OpKernelConstruction;
class AsyncOpKernel;
class KernelDef;

namespace shape_inference {
class InferenceContext;
}

// tensorflow::Status is one pointer (null: OK). Only an OK status is ever made here, and this copy's
// members are hidden (-fvisibility=hidden), so TF's own Status functions are never replaced.
class Status {
public:
    Status() : state_(nullptr) {}
    Status(const Status&) : state_(nullptr) {}
    ~Status() {}
private:
    void* state_;
};

class Tensor {
public:
    ~Tensor();
    absl::string_view tensor_data() const;
private:
    alignas(16) char storage_[128];
};

namespace thread {
// The intra-op pool. Schedule runs fn on one of its threads, when one is free.
class ThreadPool {
public:
    void Schedule(std::function<void()> fn);
    int NumThreads() const;
};
}  // namespace thread

class DeviceBase {
public:
    struct CpuWorkerThreads {
        int num_threads = 0;
        thread::ThreadPool* workers = nullptr;
    };
    // Virtual in TF; declared plain here, so a call reaches DeviceBase's own implementation. The op
    // calls it only after finding that implementation in the device's vtable (no override).
    const CpuWorkerThreads* tensorflow_cpu_worker_threads() const;
};

class OpKernelContext {
public:
    const Tensor& input(int index);
    Tensor mutable_input(int index, bool lock_held);
};

class OpKernel {
public:
    explicit OpKernel(OpKernelConstruction* context);
    virtual ~OpKernel();
    virtual void Compute(OpKernelContext* context) = 0;
    virtual AsyncOpKernel* AsAsync();
    virtual const AsyncOpKernel* AsAsync() const { return nullptr; }
    virtual bool IsExpensive();
private:
    alignas(16) char storage_[1024];
};

class OpDefBuilder {
public:
    explicit OpDefBuilder(std::string op_name);
    OpDefBuilder& Attr(std::string spec);
    OpDefBuilder& Input(std::string spec);
    OpDefBuilder& SetIsStateful();
    OpDefBuilder& SetShapeFn(std::function<Status(shape_inference::InferenceContext*)> fn);
};

namespace register_op {
template <bool should_register> class OpDefBuilderWrapper;
class OpDefBuilderReceiver {
public:
    OpDefBuilderReceiver(const OpDefBuilderWrapper<true>& wrapper);
};
}  // namespace register_op

class KernelDefBuilder {
public:
    explicit KernelDefBuilder(const char* op_name);
    KernelDefBuilder& Device(const char* device_type);
    const KernelDef* Build();
};

namespace kernel_factory {
class OpKernelFactory {
public:
    virtual OpKernel* Create(OpKernelConstruction* context) = 0;
    virtual ~OpKernelFactory();
};
class OpKernelRegistrar {
public:
    void InitInternal(const KernelDef* kernel_def, absl::string_view kernel_class_name,
                      std::unique_ptr<OpKernelFactory> factory);
};
}  // namespace kernel_factory

}  // namespace tensorflow

#endif
