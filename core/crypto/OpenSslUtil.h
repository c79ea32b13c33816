#pragma once
// Internal to core/crypto: RAII owners for OpenSSL objects and small helpers shared by the
// SSH key code (SshPublicKey, SshPrivateKey). Not part of the public core API.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>
#include <string>
#include <string_view>

namespace mltrl::ossl {

struct PkeyFree {
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); }
};
struct BnFree {
    void operator()(BIGNUM *p) const { BN_clear_free(p); }
};
struct ParamBldFree {
    void operator()(OSSL_PARAM_BLD *p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
    void operator()(OSSL_PARAM *p) const { OSSL_PARAM_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using Bn = std::unique_ptr<BIGNUM, BnFree>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree>;
using Params = std::unique_ptr<OSSL_PARAM, ParamFree>;

/// The oldest queued OpenSSL error in words appended to `what`; empties the queue.
inline std::string error(std::string_view what)
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return std::string(what);
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    return std::string(what) + " (" + buf + ")";
}

/// A BIGNUM from unsigned big-endian bytes.
inline Bn bn(std::string_view bytes)
{
    return Bn(
        BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.data()), static_cast<int>(bytes.size()), nullptr));
}

/// Unsigned big-endian bytes of a BIGNUM (empty for zero).
inline std::string bytes(const BIGNUM *n)
{
    std::string out(static_cast<std::size_t>(BN_num_bytes(n)), '\0');
    BN_bn2bin(n, reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

inline const unsigned char *u8(std::string_view s)
{
    return reinterpret_cast<const unsigned char *>(s.data());
}

} // namespace mltrl::ossl
