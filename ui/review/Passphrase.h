#pragma once
/// Passphrase entry behind a seam: the review form asks a PassphraseProvider, which is a
/// dialog in the workbench and a fixed answer in GUI tests (so tests never block on a modal
/// dialog). Passphrases travel as Secret, whose bytes are wiped when it goes away.
#include <QString>

#include <optional>
#include <string>
#include <string_view>

class QWidget;

namespace mltrl::ui {

/// A passphrase in memory: move-only, wiped (not merely freed) on destruction and on clear().
class Secret {
public:
    Secret() = default;
    explicit Secret(std::string text) : m_text(std::move(text)) {}
    /// Takes the text of a line edit and wipes the QString's buffer.
    static Secret takeFrom(QString &text);
    ~Secret() { clear(); }
    Secret(Secret &&other) noexcept : m_text(std::move(other.m_text)) { other.clear(); }
    Secret &operator=(Secret &&other) noexcept;
    Secret(const Secret &) = delete;
    Secret &operator=(const Secret &) = delete;

    [[nodiscard]] std::string_view view() const { return m_text; }
    [[nodiscard]] bool empty() const { return m_text.empty(); }
    void clear();

private:
    std::string m_text;
};

/// Overwrites a buffer so the compiler cannot drop the writes as dead stores.
void wipe(std::string &text);
void wipe(QString &text);

class PassphraseProvider {
public:
    virtual ~PassphraseProvider() = default;
    /// The passphrase of an existing key; nullopt when the user cancels.
    virtual std::optional<Secret> passphrase(QWidget *parent, const QString &prompt) = 0;
    /// A new passphrase, entered twice (the provider checks that both agree); an empty
    /// passphrase is allowed only when the user confirms it. nullopt when cancelled.
    virtual std::optional<Secret> newPassphrase(QWidget *parent, const QString &prompt) = 0;
};

/// Modal password dialogs.
class DialogPassphraseProvider : public PassphraseProvider {
public:
    std::optional<Secret> passphrase(QWidget *parent, const QString &prompt) override;
    std::optional<Secret> newPassphrase(QWidget *parent, const QString &prompt) override;
};

/// Answers with a fixed passphrase (or cancels when none is set) and counts the requests.
class FixedPassphraseProvider : public PassphraseProvider {
public:
    explicit FixedPassphraseProvider(std::optional<std::string> answer) : m_answer(std::move(answer)) {}
    std::optional<Secret> passphrase(QWidget *parent, const QString &prompt) override;
    std::optional<Secret> newPassphrase(QWidget *parent, const QString &prompt) override;
    [[nodiscard]] int requests() const { return m_requests; }
    [[nodiscard]] const QString &lastPrompt() const { return m_lastPrompt; }

private:
    std::optional<std::string> m_answer;
    int m_requests = 0;
    QString m_lastPrompt;
};

} // namespace mltrl::ui
