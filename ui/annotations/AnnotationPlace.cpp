#include "ui/annotations/AnnotationPlace.h"

#include <algorithm>

namespace mltrl::ui {

std::optional<AnnotationPlace> placeOf(const Annotation &annotation)
{
    const nlohmann::json &target = annotation.target;
    if (!target.is_object())
        return std::nullopt;
    AnnotationPlace place;
    if (target.contains("page") && target["page"].is_number_integer())
        place.page = target["page"].get<int>();
    if (target.contains("rect") && target["rect"].is_array() && target["rect"].size() == 4) {
        const auto &r = target["rect"];
        if (std::all_of(r.begin(), r.end(), [](const nlohmann::json &v) { return v.is_number(); }))
            place.rect = QRectF(r[0].get<double>(), r[1].get<double>(), r[2].get<double>(), r[3].get<double>());
    }
    if (place.page <= 0 && place.rect.isEmpty())
        return std::nullopt;
    return place;
}

} // namespace mltrl::ui
