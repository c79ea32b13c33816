#include "core/crypto/BcryptPbkdf.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <cstring>

namespace mltrl {
namespace {

#include "core/crypto/BlowfishInit.inc"

struct Blowfish {
    std::uint32_t P[18];
    std::uint32_t S[4][256];

    Blowfish()
    {
        std::memcpy(P, kInitP, sizeof P);
        std::memcpy(S, kInitS, sizeof S);
    }
    ~Blowfish() { OPENSSL_cleanse(this, sizeof *this); }
    Blowfish(const Blowfish &) = delete;
    Blowfish &operator=(const Blowfish &) = delete;

    [[nodiscard]] std::uint32_t f(std::uint32_t x) const
    {
        return ((S[0][x >> 24] + S[1][(x >> 16) & 0xff]) ^ S[2][(x >> 8) & 0xff]) + S[3][x & 0xff];
    }

    void encipher(std::uint32_t &xl, std::uint32_t &xr) const
    {
        std::uint32_t l = xl ^ P[0], r = xr;
        for (int i = 1; i <= 16; i += 2) {
            r ^= f(l) ^ P[i];
            l ^= f(r) ^ P[i + 1];
        }
        xl = r ^ P[17];
        xr = l;
    }

    /// The next 4 bytes of `data` as a big-endian word, wrapping around (Blowfish_stream2word).
    static std::uint32_t streamWord(std::string_view data, std::size_t &pos)
    {
        std::uint32_t w = 0;
        for (int i = 0; i < 4; ++i) {
            if (pos >= data.size())
                pos = 0;
            w = w << 8 | static_cast<unsigned char>(data[pos++]);
        }
        return w;
    }

    void xorKey(std::string_view key)
    {
        std::size_t j = 0;
        for (std::uint32_t &p : P)
            p ^= streamWord(key, j);
    }

    /// Blowfish_expandstate (salt mixed in) or, with empty `data`, Blowfish_expand0state.
    void expand(std::string_view data, std::string_view key)
    {
        xorKey(key);
        std::size_t j = 0;
        std::uint32_t l = 0, r = 0;
        auto next = [&] {
            if (!data.empty()) {
                l ^= streamWord(data, j);
                r ^= streamWord(data, j);
            }
            encipher(l, r);
        };
        for (int i = 0; i < 18; i += 2) {
            next();
            P[i] = l;
            P[i + 1] = r;
        }
        for (auto &box : S)
            for (int k = 0; k < 256; k += 2) {
                next();
                box[k] = l;
                box[k + 1] = r;
            }
    }
};

using Sha512 = std::array<unsigned char, 64>;

Sha512 sha512Of(std::string_view a, std::string_view b = {})
{
    Sha512 out{};
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned int len = 0;
    EVP_DigestInit_ex(ctx, EVP_sha512(), nullptr);
    EVP_DigestUpdate(ctx, a.data(), a.size());
    EVP_DigestUpdate(ctx, b.data(), b.size());
    EVP_DigestFinal_ex(ctx, out.data(), &len);
    EVP_MD_CTX_free(ctx);
    return out;
}

std::string_view view(const Sha512 &d)
{
    return {reinterpret_cast<const char *>(d.data()), d.size()};
}

/// bcrypt_hash of OpenBSD's bcrypt_pbkdf.c: 32 bytes.
std::array<unsigned char, 32> bcryptHash(const Sha512 &sha2pass, const Sha512 &sha2salt)
{
    Blowfish state;
    state.expand(view(sha2salt), view(sha2pass));
    for (int i = 0; i < 64; ++i) {
        state.expand({}, view(sha2salt));
        state.expand({}, view(sha2pass));
    }
    constexpr std::string_view kText = "OxychromaticBlowfishSwatDynamite";
    std::uint32_t cdata[8];
    std::size_t j = 0;
    for (std::uint32_t &c : cdata)
        c = Blowfish::streamWord(kText, j);
    for (int i = 0; i < 64; ++i)
        for (int b = 0; b < 8; b += 2)
            state.encipher(cdata[b], cdata[b + 1]);
    std::array<unsigned char, 32> out{};
    for (int i = 0; i < 8; ++i) { // little-endian words, as OpenBSD copies them out
        out[4 * i + 3] = static_cast<unsigned char>(cdata[i] >> 24);
        out[4 * i + 2] = static_cast<unsigned char>(cdata[i] >> 16);
        out[4 * i + 1] = static_cast<unsigned char>(cdata[i] >> 8);
        out[4 * i + 0] = static_cast<unsigned char>(cdata[i]);
    }
    OPENSSL_cleanse(cdata, sizeof cdata);
    return out;
}

} // namespace

std::optional<std::string> bcryptPbkdf(std::string_view passphrase, std::string_view salt, std::size_t keyLength,
                                       unsigned rounds)
{
    constexpr std::size_t kHash = 32;
    if (rounds < 1 || passphrase.empty() || salt.empty() || keyLength == 0 || keyLength > kHash * kHash ||
        salt.size() > (1u << 20))
        return std::nullopt;
    const std::size_t stride = (keyLength + kHash - 1) / kHash;
    std::size_t amt = (keyLength + stride - 1) / stride;
    const Sha512 sha2pass = sha512Of(passphrase);
    std::string key(keyLength, '\0');
    std::size_t remaining = keyLength;
    for (std::uint32_t count = 1; remaining > 0; ++count) {
        const char countSalt[4] = {static_cast<char>(count >> 24), static_cast<char>(count >> 16),
                                   static_cast<char>(count >> 8), static_cast<char>(count)};
        auto tmp = bcryptHash(sha2pass, sha512Of(salt, std::string_view(countSalt, 4)));
        auto out = tmp;
        for (unsigned i = 1; i < rounds; ++i) {
            tmp = bcryptHash(sha2pass,
                             sha512Of(std::string_view(reinterpret_cast<const char *>(tmp.data()), tmp.size())));
            for (std::size_t j = 0; j < kHash; ++j)
                out[j] ^= tmp[j];
        }
        // The pbkdf2 deviation: the output is spread over the key non-linearly.
        amt = std::min(amt, remaining);
        std::size_t i = 0;
        for (; i < amt; ++i) {
            const std::size_t dest = i * stride + (count - 1);
            if (dest >= keyLength)
                break;
            key[dest] = static_cast<char>(out[i]);
        }
        remaining -= i;
        OPENSSL_cleanse(tmp.data(), tmp.size());
        OPENSSL_cleanse(out.data(), out.size());
    }
    return key;
}

std::uint64_t blowfishEncryptBlock(std::string_view key, std::uint64_t block)
{
    Blowfish bf;
    bf.expand({}, key);
    std::uint32_t l = static_cast<std::uint32_t>(block >> 32), r = static_cast<std::uint32_t>(block);
    bf.encipher(l, r);
    return static_cast<std::uint64_t>(l) << 32 | r;
}

} // namespace mltrl
