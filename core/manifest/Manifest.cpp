#include "core/manifest/Manifest.h"

#include <algorithm>

namespace mltrl {

std::optional<double> Requirement::riskScore() const
{
    if (!pFailure || !impact)
        return std::nullopt;
    return *pFailure * *impact;
}

namespace {
template <typename T>
const T *findById(const std::vector<T> &items, std::string_view id)
{
    auto it = std::find_if(items.begin(), items.end(), [&](const T &t) { return t.id == id; });
    return it == items.end() ? nullptr : &*it;
}
} // namespace

const Evidence *Manifest::findEvidence(std::string_view id) const
{
    return findById(evidence, id);
}
const Metric *Manifest::findMetric(std::string_view id) const
{
    return findById(metrics, id);
}
const Gate *Manifest::findGate(std::string_view id) const
{
    return findById(gates, id);
}
const Requirement *Manifest::findRequirement(std::string_view id) const
{
    return findById(requirements, id);
}
const Component *Manifest::findComponent(std::string_view id) const
{
    return findById(components, id);
}

std::string_view toString(HistoryKind k)
{
    switch (k) {
    case HistoryKind::Start:
        return "start";
    case HistoryKind::Advance:
        return "advance";
    case HistoryKind::Switchback:
        return "switchback";
    case HistoryKind::Hold:
        return "hold";
    }
    return "advance";
}

std::string_view toString(SwitchbackKind k)
{
    switch (k) {
    case SwitchbackKind::None:
        return "";
    case SwitchbackKind::Discovery:
        return "discovery";
    case SwitchbackKind::Embedded:
        return "embedded";
    case SwitchbackKind::Review:
        return "review";
    }
    return "";
}

std::string_view toString(VvStatus s)
{
    switch (s) {
    case VvStatus::Unset:
        return "";
    case VvStatus::Passed:
        return "passed";
    case VvStatus::Failed:
        return "failed";
    case VvStatus::Pending:
        return "pending";
    case VvStatus::NotApplicable:
        return "not_applicable";
    }
    return "";
}

std::string_view toString(Aggregate a)
{
    switch (a) {
    case Aggregate::Last:
        return "last";
    case Aggregate::Min:
        return "min";
    case Aggregate::Max:
        return "max";
    case Aggregate::Mean:
        return "mean";
    }
    return "last";
}

std::string_view toString(CompareOp op)
{
    switch (op) {
    case CompareOp::Ge:
        return ">=";
    case CompareOp::Gt:
        return ">";
    case CompareOp::Le:
        return "<=";
    case CompareOp::Lt:
        return "<";
    case CompareOp::Eq:
        return "==";
    }
    return ">=";
}

std::string_view toString(MetricKind k)
{
    switch (k) {
    case MetricKind::Series:
        return "series";
    case MetricKind::Curve:
        return "curve";
    case MetricKind::Groups:
        return "groups";
    }
    return "series";
}

std::string_view toString(MetricFormat f)
{
    return f == MetricFormat::Mlflow ? "mlflow" : "csv";
}

} // namespace mltrl
