#include "core/crypto/Sha256.h"

#include <openssl/evp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace mltrl {
namespace {

/// Fetched once: an implicit fetch (EVP_sha256()) on every init costs a lock and a lookup
/// per file, which shows when an archive holds thousands of small entries.
const EVP_MD *fetchedMd(const char *name)
{
    // Never freed: lives as long as the process, like OpenSSL's own default provider.
    EVP_MD *md = EVP_MD_fetch(nullptr, name, nullptr);
    if (md == nullptr)
        throw std::runtime_error(std::string("OpenSSL has no ") + name); // broken installation
    return md;
}

const EVP_MD *sha256Md()
{
    static const EVP_MD *md = fetchedMd("SHA256");
    return md;
}

const EVP_MD *sha512Md()
{
    static const EVP_MD *md = fetchedMd("SHA512");
    return md;
}

struct CtxDeleter {
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};

/// EVP digest calls fail only on allocation failure or a broken provider; treat like bad_alloc.
void check(int ok)
{
    if (ok != 1)
        throw std::runtime_error("OpenSSL digest failed");
}

} // namespace

struct Sha256::Impl {
    std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx{EVP_MD_CTX_new()};
    Impl()
    {
        if (!ctx)
            throw std::bad_alloc();
        check(EVP_DigestInit_ex2(ctx.get(), sha256Md(), nullptr));
    }
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>()) {}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256 &&) noexcept = default;
Sha256 &Sha256::operator=(Sha256 &&) noexcept = default;

void Sha256::update(std::span<const char> bytes)
{
    if (!bytes.empty())
        check(EVP_DigestUpdate(m_impl->ctx.get(), bytes.data(), bytes.size()));
}

void Sha256::update(std::span<const std::uint8_t> bytes)
{
    if (!bytes.empty())
        check(EVP_DigestUpdate(m_impl->ctx.get(), bytes.data(), bytes.size()));
}

Sha256Digest Sha256::finish()
{
    Sha256Digest out{};
    unsigned int len = 0;
    check(EVP_DigestFinal_ex(m_impl->ctx.get(), out.data(), &len));
    check(EVP_DigestInit_ex2(m_impl->ctx.get(), sha256Md(), nullptr));
    return out;
}

std::string toHex(std::span<const std::uint8_t> bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (std::uint8_t b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0f]);
    }
    return out;
}

Sha256Digest sha256(std::string_view bytes)
{
    Sha256Digest out{};
    check(EVP_Digest(bytes.data(), bytes.size(), out.data(), nullptr, sha256Md(), nullptr));
    return out;
}

std::string sha256Hex(std::string_view bytes)
{
    return toHex(sha256(bytes));
}

Sha512Digest sha512(std::string_view bytes)
{
    Sha512Digest out{};
    check(EVP_Digest(bytes.data(), bytes.size(), out.data(), nullptr, sha512Md(), nullptr));
    return out;
}

std::optional<Sha256Digest> sha256File(const std::filesystem::path &path, std::string *error, const CancelToken *cancel,
                                       const ProgressFn &progress)
{
    auto fail = [&](std::string what) -> std::optional<Sha256Digest> {
        if (error)
            *error = std::move(what);
        return std::nullopt;
    };
    struct FileCloser {
        void operator()(std::FILE *f) const { std::fclose(f); }
    };
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file)
        return fail(path.string() + ": cannot open: " + std::strerror(errno));
    // Our own buffer is the only one: stdio buffering would add a copy per read.
    std::setvbuf(file.get(), nullptr, _IONBF, 0);

    std::error_code ec;
    const auto total = std::filesystem::file_size(path, ec);
    const std::uint64_t expected = ec ? 0 : total;

    std::vector<char> buffer(1u << 20);
    Sha256 hasher;
    std::uint64_t done = 0;
    for (;;) {
        if (cancel && cancel->isCancelled())
            return fail(path.string() + ": cancelled");
        const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
        if (n > 0) {
            hasher.update(std::span<const char>(buffer.data(), n));
            done += n;
            if (progress)
                progress(done, expected);
        }
        if (n < buffer.size()) {
            if (std::ferror(file.get()))
                return fail(path.string() + ": read error: " + std::strerror(errno));
            break;
        }
    }
    return hasher.finish();
}

} // namespace mltrl
