// ReviewRecord::parse on arbitrary bytes. A record that parses must serialize to the
// deterministic bytes of §4 and read back as the same record (what is signed is what is shown).
#include "FuzzCheck.h"
#include "core/review/ReviewRecord.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    mltrl::Problems problems;
    const auto record = mltrl::ReviewRecord::parse(bytes, problems, "reviews/fuzz.json");
    FUZZ_CHECK(record.has_value() == !problems.hasErrors());
    if (!record)
        return 0;

    const std::string canonical = record->serialize();
    mltrl::Problems again;
    const auto reread = mltrl::ReviewRecord::parse(canonical, again, "reviews/fuzz.json");
    FUZZ_CHECK(reread && *reread == *record);
    FUZZ_CHECK(reread->serialize() == canonical);
    return 0;
}
