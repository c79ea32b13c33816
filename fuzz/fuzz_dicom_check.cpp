// DICOM de-identification check: arbitrary bytes as a DICOM evidence file. The check must
// return (never crash or throw), its stored JSON form must read back as the same check, and
// "identified" must agree with what it lists.
#include "FuzzCheck.h"
#include "core/dicom/DeidentificationCheck.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // DCMTK reads files: one scratch file per process, rewritten for every input.
    static const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("mltrl-fuzz-dicom-" + std::to_string(::getpid()) + ".dcm");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
    }
    const mltrl::dicom::DeidentificationCheck check = mltrl::dicom::checkDicomFileInProcess(file);
    const auto back = mltrl::dicom::DeidentificationCheck::fromJson(check.toJson());
    FUZZ_CHECK(back && *back == check);
    const std::optional<bool> identified = check.identified();
    const bool lists = !check.attributes.empty() || !check.privateTags.empty() || check.burnedInAnnotation == "YES";
    FUZZ_CHECK(identified.value_or(false) == lists);
    FUZZ_CHECK(identified.has_value() || !check.problem.empty());
    FUZZ_CHECK(!lists || !check.summary().empty());
    for (const auto &a : check.attributes)
        FUZZ_CHECK(a.tag.size() == 11 && a.tag.front() == '(' && !a.keyword.empty());
    return 0;
}
