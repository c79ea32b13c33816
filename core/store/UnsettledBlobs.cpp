#include "core/store/UnsettledBlobs.h"

#include <fstream>

namespace fs = std::filesystem;

namespace mltrl::blobs {

fs::path unsettledMarker(const fs::path &root)
{
    return root / "blobs-unsettled";
}

bool markUnsettled(const fs::path &root)
{
    return static_cast<bool>(std::ofstream(unsettledMarker(root)));
}

void settle(const fs::path &root)
{
    std::error_code ec;
    fs::remove(unsettledMarker(root), ec);
}

bool mayHoldGarbage(const fs::path &root, const fs::path &tmpDir)
{
    std::error_code ec;
    if (fs::exists(unsettledMarker(root), ec))
        return true;
    const fs::directory_iterator temporaries(tmpDir, ec);
    return !ec && temporaries != fs::directory_iterator();
}

} // namespace mltrl::blobs
