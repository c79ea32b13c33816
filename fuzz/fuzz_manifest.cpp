// parseManifest and parseManifestForReport on arbitrary bytes.
#include "FuzzCheck.h"
#include "core/manifest/ManifestParser.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    // Small limits keep each run fast; the depth limit is still exercised.
    const mltrl::ManifestLimits limits{.maxBytes = 1u << 20, .maxDepth = 64};

    mltrl::Problems strict;
    const auto manifest = mltrl::parseManifest(bytes, strict, limits);
    // A manifest is returned exactly when nothing is wrong with it.
    FUZZ_CHECK(manifest.has_value() == !strict.hasErrors());

    mltrl::Problems report;
    const auto forReport = mltrl::parseManifestForReport(bytes, report, limits);
    // The report parse finds the same problems and returns at least what the strict one does.
    FUZZ_CHECK(!manifest || forReport);
    FUZZ_CHECK(report.items() == strict.items());
    return 0;
}
