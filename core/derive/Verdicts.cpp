#include "core/derive/Verdicts.h"

#include <cmath>

namespace mltrl {

std::optional<bool> compare(double observed, CompareOp op, double threshold)
{
    if (std::isnan(observed) || std::isnan(threshold))
        return std::nullopt;
    switch (op) {
    case CompareOp::Ge:
        return observed >= threshold;
    case CompareOp::Gt:
        return observed > threshold;
    case CompareOp::Le:
        return observed <= threshold;
    case CompareOp::Lt:
        return observed < threshold;
    case CompareOp::Eq:
        return observed == threshold;
    }
    return std::nullopt;
}

Suggestion suggestVerdict(std::optional<double> observed, CompareOp op, double threshold)
{
    if (!observed)
        return Suggestion::None;
    const auto result = compare(*observed, op, threshold);
    if (!result)
        return Suggestion::None;
    return *result ? Suggestion::Met : Suggestion::NotMet;
}

std::string_view toString(Suggestion s)
{
    switch (s) {
    case Suggestion::Met:
        return "met";
    case Suggestion::NotMet:
        return "not_met";
    case Suggestion::None:
        return "";
    }
    return "";
}

nlohmann::json toJson(Suggestion s)
{
    if (s == Suggestion::None)
        return nullptr;
    return std::string(toString(s));
}

} // namespace mltrl
