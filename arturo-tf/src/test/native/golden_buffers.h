// Float buffers for the core's step, and their setup from a golden trajectory (../shared/golden's
// format): shared by the core's tests and the studies in src/bench/native.
#ifndef ARTURO_GOLDEN_BUFFERS_H
#define ARTURO_GOLDEN_BUFFERS_H

#include <cstdint>
#include <vector>

#include "../../main/native/core/arturo_step.h"
#include "json_lite.h"

namespace arturo_test {

// One tensor's buffers with the state of eq. (1).
struct Buffers {
    std::vector<float> theta, grad, prec, lin, quad, p00, p01, p11;
    Buffers(std::vector<float> initial, float precInit, float a0, float p0)
        : theta(initial), grad(initial.size()), prec(initial.size(), precInit), lin(initial.size(), 0.0f),
          quad(initial.size(), a0), p00(initial.size(), p0), p01(initial.size(), 0.0f), p11(initial.size(), p0) {}
    arturo::TensorState view() {
        return arturo::TensorState{theta.data(), grad.data(), prec.data(), lin.data(), quad.data(),
                                   p00.data(), p01.data(), p11.data(), static_cast<int64_t>(theta.size())};
    }
    std::vector<float> all() const {
        std::vector<float> out;
        for (const auto* v : {&theta, &prec, &lin, &quad, &p00, &p01, &p11}) out.insert(out.end(), v->begin(), v->end());
        return out;
    }
};

inline std::vector<float> floats(const json::Value& array) {
    std::vector<float> out;
    for (const json::Value& v : array.array) out.push_back(static_cast<float>(v.number));
    return out;
}

// The float32 constants of a step from the hyperparameters, as the graph builder forms them (products
// and quotients in double, rounded once); the exact solver at its defaults, from the first step on.
inline arturo::StepConfig stepConfig(double epsilon, double weightDecay, double rho, double nu, double lambda,
                                     double q, double r) {
    return arturo::StepConfig{static_cast<float>(epsilon), static_cast<float>(weightDecay), static_cast<float>(nu),
                              static_cast<float>(rho * lambda), static_cast<float>(1 / (rho + nu)),
                              static_cast<float>(rho * lambda / (rho + nu)), static_cast<float>(q),
                              static_cast<float>(r), 1e-3f, 30, true, 0.0f};
}

// A golden trajectory's step configuration (ε is set per step) and its tensors at the start.
inline arturo::StepConfig goldenConfig(const json::Value& golden) {
    const json::Value& c = golden["config"];
    return stepConfig(0, c["weightDecay"].number, c["rho"].number, c["nu"].number, c["lambda"].number,
                      c["q"].number, c["r"].number);
}

inline std::vector<Buffers> goldenTensors(const json::Value& golden) {
    const json::Value& c = golden["config"];
    std::vector<Buffers> tensors;
    for (size_t i = 0; i < golden["initial"].size(); i++) {
        tensors.emplace_back(floats(golden["initial"][i]), static_cast<float>(1 / c["varInit"].number),
                             static_cast<float>(c["a0"].number), static_cast<float>(c["p0"].number));
    }
    return tensors;
}

}  // namespace arturo_test

#endif
