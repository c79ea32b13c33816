#include "core/review/KeyRing.h"

#include "core/review/ReviewerKey.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace mltrl {

KeyRing::KeyRing(fs::path dir) : m_dir(dir.empty() ? defaultReviewerKeyFile().parent_path() : std::move(dir)) {}

std::optional<SigningKeyChoice> KeyRing::current() const
{
    std::ifstream in(m_dir / "signing-key.json", std::ios::binary);
    if (in) {
        std::ostringstream text;
        text << in.rdbuf();
        const nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
        if (j.is_object() && j.contains("key_file")) {
            SigningKeyChoice c;
            c.keyFile = j.value("key_file", "");
            c.identity.name = j.value("name", "");
            c.identity.email = j.value("email", "");
            c.identity.role = j.value("role", "");
            c.identity.publicKey = j.value("public_key", "");
            c.openSsh = j.value("openssh", false);
            if (fs::exists(c.keyFile))
                return c;
        }
    }
    Problems ignored;
    if (fs::exists(newKeyFile())) {
        if (auto who = readReviewerIdentity(newKeyFile(), ignored))
            return SigningKeyChoice{newKeyFile(), *who, false};
    }
    return std::nullopt;
}

KeyRingTrust KeyRing::trust(Problems &problems) const
{
    KeyRingTrust out;
    if (std::error_code ec; fs::exists(allowedSignersFile(), ec))
        out.signers = AllowedSigners::load(allowedSignersFile(), problems);
    if (std::error_code ec; fs::exists(reviewerRolesFile(), ec))
        out.roles = ReviewerRoles::load(reviewerRolesFile(), problems);
    return out;
}

bool KeyRing::setCurrent(const SigningKeyChoice &choice, Problems &problems)
{
    std::error_code ec;
    createKeysFolder(m_dir, ec); // 0700
    const nlohmann::json j{{"key_file", choice.keyFile.string()},     {"name", choice.identity.name},
                           {"email", choice.identity.email},          {"role", choice.identity.role},
                           {"public_key", choice.identity.publicKey}, {"openssh", choice.openSsh}};
    const fs::path tmp = m_dir / "signing-key.json.tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << j.dump(2) << '\n';
        if (!out) {
            problems.error(tmp.string(), "cannot be written");
            return false;
        }
    }
    fs::rename(tmp, m_dir / "signing-key.json", ec);
    if (ec) {
        problems.error((m_dir / "signing-key.json").string(), ec.message());
        return false;
    }
    return true;
}

} // namespace mltrl
