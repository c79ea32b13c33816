#pragma once
/// The step before signing that the CLI (`mltrl review`) and the workbench (the review form,
/// meeting mode) share: the open annotations of the revision go into the record (§4), and a
/// review that advances must first acknowledge every open blocker.
#include "core/review/AnnotationStore.h"
#include "core/review/ReviewBuilder.h"

#include <functional>
#include <string>
#include <vector>

namespace mltrl {

/// Adds every open annotation among `annotations` to `input.annotations` (as records, in the
/// order given). When `input.outcome` advances, returns the open blockers (ids) for which
/// `acknowledged` is false — the reviewer's ticks in the workbench, `--acknowledge-blockers`
/// on the command line; empty when nothing stands in the way.
[[nodiscard]] std::vector<std::string>
attachOpenAnnotations(ReviewInput &input, const std::vector<Annotation> &annotations,
                      const std::function<bool(const std::string &annotationId)> &acknowledged);

} // namespace mltrl
