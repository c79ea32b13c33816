#include "ui/annotations/AnnotationNavigation.h"

#include "ui/session/ProjectContext.h"

namespace mltrl::ui {

namespace {
QString str(const nlohmann::json &target, const char *key)
{
    const auto it = target.find(key);
    return it != target.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}
} // namespace

bool navigateToTarget(ProjectContext &context, const nlohmann::json &target)
{
    if (!target.is_object())
        return false;
    if (target.contains("evidence")) {
        // Targets count pages from 1; the viewers from 0.
        const int page =
            target.contains("page") && target["page"].is_number_integer() ? target["page"].get<int>() - 1 : -1;
        emit context.showEvidence(str(target, "evidence"), page);
        return true;
    }
    if (target.contains("metric")) {
        emit context.showMetric(str(target, "metric"));
        return true;
    }
    if (target.contains("criterion")) {
        emit context.showCriterion(str(target, "gate"), str(target, "criterion"));
        return true;
    }
    if (target.contains("requirement")) {
        emit context.showRequirement(str(target, "requirement"));
        return true;
    }
    if (target.contains("card") && target["card"].is_number_integer()) {
        emit context.showCard(target["card"].get<int>(), QString());
        return true;
    }
    if (target.contains("project")) {
        emit context.showProject();
        return true;
    }
    return false;
}

bool navigateToAnnotation(ProjectContext &context, const QString &id, const nlohmann::json &target)
{
    if (!navigateToTarget(context, target))
        return false;
    emit context.revealAnnotation(id);
    return true;
}

} // namespace mltrl::ui
