#pragma once
/// Where an annotation points inside its evidence file, read from its target (archive
/// contract §4): a page and/or a region. Shared by the viewers' reveal and meeting mode.
#include "core/review/AnnotationStore.h"

#include <QRectF>

#include <optional>

namespace mltrl::ui {

struct AnnotationPlace {
    int page = 0; ///< from 1; 0 when the target names no page
    QRectF rect;  ///< PDF points or image pixels from the top-left; empty when no region
};

/// The page and region of `annotation`; nothing when its target names neither (or names
/// them with the wrong types).
[[nodiscard]] std::optional<AnnotationPlace> placeOf(const Annotation &annotation);

} // namespace mltrl::ui
