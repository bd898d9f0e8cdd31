// A ParallelFor for a whole step: the calling thread works through every pass itself, and helpers
// that a thread pool starts join it when they start (docs/native-kernel.md, "Threads"). A helper is
// scheduled once per step, not once per pass, and waits for the next pass spinning, so a step wakes
// the pool once instead of once per pass. No thread ever waits for a helper that has not started:
// the caller waits only for chunks a running helper has claimed, so a pool that never starts a
// helper costs parallelism, never a deadlock. Knows nothing of TensorFlow.
#ifndef ARTURO_HELPER_TEAM_H
#define ARTURO_HELPER_TEAM_H

#include "arturo_step.h"

#include <functional>
#include <memory>

namespace arturo {

class HelperTeam {
public:
    // Hands a task to the pool; the pool may run it at any time, or late, or on no thread at all
    // before the step ends (then the task finds the step over and returns).
    using Schedule = std::function<void(std::function<void()>)>;

    // Where a helper works. A woken thread may be queued on the CPU of the thread that woke it, where
    // it only takes turns with the caller (docs/native-kernel.md, "Threads").
    enum class Placement {
        // Where the pool's thread runs.
        AS_SCHEDULED,
        // A helper that starts on the caller's CPU leaves it for the step: it takes that CPU out of
        // its affinity mask and puts its own mask back before it returns to the pool. Where its mask
        // holds no other CPU, it stays.
        OFF_CALLERS_CPU,
    };

    // Schedules `helpers` tasks through `schedule`.
    HelperTeam(const Schedule& schedule, int helpers, Placement placement = Placement::AS_SCHEDULED);
    // Tells every helper that the step is over; one still working on a chunk cannot be, because
    // every pass has returned.
    ~HelperTeam();
    HelperTeam(const HelperTeam&) = delete;
    HelperTeam& operator=(const HelperTeam&) = delete;

    // One pass: the caller claims chunks from the front, helpers from the back, so that each
    // streams through memory in order; returns when every chunk is done. A pass of one chunk, or of
    // 2^20 or more (more than a claim word holds), runs on the caller alone.
    void run(int64_t count, const std::function<void(int64_t, int64_t)>& work);

    ParallelFor parallelFor() {
        return [this](int64_t count, const std::function<void(int64_t, int64_t)>& work) { run(count, work); };
    }

    struct Shared;

private:
    std::shared_ptr<Shared> shared_;
    uint64_t pass_ = 0;
};

}  // namespace arturo

#endif
