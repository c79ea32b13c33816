#include "core/review/OpenAnnotations.h"

#include "core/review/ReviewRecord.h"

namespace mltrl {

std::vector<std::string> attachOpenAnnotations(ReviewInput &input, const std::vector<Annotation> &annotations,
                                               const std::function<bool(const std::string &)> &acknowledged)
{
    std::vector<std::string> unacknowledged;
    const bool advancing = isAdvancing(input.outcome);
    for (const Annotation &a : annotations) {
        if (a.status != "open")
            continue;
        input.annotations.push_back(a.toRecord());
        if (advancing && a.severity == "blocker" && !acknowledged(a.id))
            unacknowledged.push_back(a.id);
    }
    return unacknowledged;
}

} // namespace mltrl
