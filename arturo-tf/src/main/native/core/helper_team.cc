#include "helper_team.h"

#include <atomic>
#include <cstdint>
#include <sched.h>

namespace arturo {

namespace {

// The claims of one pass in one word, so that a claim and the pass it belongs to change together:
// the pass number in the top 24 bits, then the next chunk from the front and the end of the chunks
// not yet claimed from the back, 20 bits each. A helper holding a stale word could claim in a later
// pass only if the number came round to the same value, after 2^24 passes; a step makes at most
// the solver's 1000 and three more.
constexpr int kSide = 20;
constexpr uint64_t kPassMask = (uint64_t{1} << (64 - 2 * kSide)) - 1;
constexpr uint64_t kSideMask = (uint64_t{1} << kSide) - 1;
constexpr int64_t kMaxChunks = int64_t{1} << kSide;

uint64_t claimsOf(uint64_t pass, uint64_t front, uint64_t back) {
    return (pass << (2 * kSide)) | (front << kSide) | back;
}
uint64_t frontOf(uint64_t claims) { return (claims >> kSide) & kSideMask; }
uint64_t backOf(uint64_t claims) { return claims & kSideMask; }

// A spinning thread's pause; after many, a yield, in case the thread it waits for shares its CPU.
struct Backoff {
    int spins = 0;
    void pause() {
        if (++spins < 4096) {
            __builtin_ia32_pause();
        } else {
            spins = 0;
            sched_yield();
        }
    }
};

}  // namespace

struct HelperTeam::Shared {
    std::atomic<uint64_t> claims{0};  // pass 0: none yet
    std::atomic<int64_t> doneByHelpers{0};
    // The pass's work. A helper may read it only for a pass whose chunks it then claims: a successful
    // claim proves the pass was still open, so the work was still this pass's.
    std::atomic<const std::function<void(int64_t, int64_t)>*> work{nullptr};
    std::atomic<bool> over{false};

    void help() {
        Backoff backoff;
        while (!over.load(std::memory_order_acquire)) {
            uint64_t seen = claims.load(std::memory_order_acquire);
            uint64_t front = frontOf(seen);
            uint64_t back = backOf(seen);
            if (front >= back) {
                backoff.pause();
                continue;
            }
            const auto* passWork = work.load(std::memory_order_acquire);
            uint64_t claimed = (seen & ~kSideMask) | (back - 1);
            if (claims.compare_exchange_weak(seen, claimed, std::memory_order_acq_rel)) {
                (*passWork)(static_cast<int64_t>(back - 1), static_cast<int64_t>(back));
                doneByHelpers.fetch_add(1, std::memory_order_release);
                backoff.spins = 0;
            }
        }
    }
};

namespace {

// Takes the calling thread off `cpu` until it is destroyed, when that is the CPU it runs on and its
// affinity mask allows another; otherwise changes nothing.
class OffCpu {
public:
    explicit OffCpu(int cpu) {
        if (cpu < 0 || sched_getcpu() != cpu || sched_getaffinity(0, sizeof(own_), &own_) != 0) return;
        cpu_set_t others = own_;
        CPU_CLR(cpu, &others);
        moved_ = CPU_COUNT(&others) > 0 && sched_setaffinity(0, sizeof(others), &others) == 0;
    }
    ~OffCpu() {
        if (moved_) sched_setaffinity(0, sizeof(own_), &own_);
    }
    OffCpu(const OffCpu&) = delete;
    OffCpu& operator=(const OffCpu&) = delete;

private:
    cpu_set_t own_;
    bool moved_ = false;
};

}  // namespace

HelperTeam::HelperTeam(const Schedule& schedule, int helpers, Placement placement)
    : shared_(std::make_shared<Shared>()) {
    const int callersCpu = placement == Placement::OFF_CALLERS_CPU ? sched_getcpu() : -1;
    for (int k = 0; k < helpers; k++) {
        std::shared_ptr<Shared> shared = shared_;
        schedule([shared, callersCpu] {
            OffCpu away(callersCpu);
            shared->help();
        });
    }
}

HelperTeam::~HelperTeam() { shared_->over.store(true, std::memory_order_release); }

void HelperTeam::run(int64_t count, const std::function<void(int64_t, int64_t)>& work) {
    if (count <= 1 || count >= kMaxChunks) {
        work(0, count);
        return;
    }
    Shared& s = *shared_;
    // The last pass is complete, so no helper touches these until the claims below open this one.
    s.doneByHelpers.store(0, std::memory_order_relaxed);
    s.work.store(&work, std::memory_order_relaxed);
    pass_ = (pass_ + 1) & kPassMask;
    if (pass_ == 0) pass_ = 1;
    s.claims.store(claimsOf(pass_, 0, static_cast<uint64_t>(count)), std::memory_order_release);
    int64_t mine = 0;
    for (;;) {
        uint64_t seen = s.claims.load(std::memory_order_acquire);
        uint64_t front = frontOf(seen);
        if (front >= backOf(seen)) break;
        if (s.claims.compare_exchange_weak(seen, seen + (uint64_t{1} << kSide), std::memory_order_acq_rel)) {
            work(static_cast<int64_t>(front), static_cast<int64_t>(front + 1));
            mine++;
        }
    }
    // Every chunk is claimed; wait for the ones helpers are still working on.
    Backoff backoff;
    while (s.doneByHelpers.load(std::memory_order_acquire) != count - mine) backoff.pause();
}

}  // namespace arturo
