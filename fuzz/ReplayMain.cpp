// A main() for the fuzz targets without libFuzzer: feeds every file named on the command line
// (directories are walked) to LLVMFuzzerTestOneInput once. The test suite links each target
// with it so that the seed corpora and the committed crash reproducers run under whatever the
// suite is built with — in particular gcc's ASan + UBSan (scripts/test --sanitize), which has
// no libFuzzer. A broken invariant or a sanitizer report aborts, failing the test.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

namespace fs = std::filesystem;

/// The input in a heap block of exactly its size, as libFuzzer passes it, so that ASan sees
/// a read one byte past the end.
void replay(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto block = std::make_unique<std::uint8_t[]>(bytes.size());
    std::copy(bytes.begin(), bytes.end(), block.get());
    // Print first: when an input aborts, the log names it.
    std::printf("%s (%zu bytes)\n", file.c_str(), bytes.size());
    std::fflush(stdout);
    LLVMFuzzerTestOneInput(block.get(), bytes.size());
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg = argv[i];
        if (fs::is_directory(arg)) {
            for (const auto &entry : fs::recursive_directory_iterator(arg))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
        } else if (fs::is_regular_file(arg)) {
            files.push_back(arg);
        } else {
            std::fprintf(stderr, "no such file or directory: %s\n", argv[i]);
            return 2;
        }
    }
    // A wrong path must not pass as "nothing to replay".
    if (files.empty()) {
        std::fprintf(stderr, "no inputs to replay\n");
        return 2;
    }
    std::sort(files.begin(), files.end());
    for (const fs::path &f : files)
        replay(f);
    std::printf("replayed %zu inputs\n", files.size());
    return 0;
}
